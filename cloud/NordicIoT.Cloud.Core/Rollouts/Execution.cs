namespace NordicIoT.Cloud.Rollouts;

/// <summary>One device's part in one rollout, as AWS IoT Jobs keeps a job execution: status, step, timestamps, and a version number that increases with every update.</summary>
public sealed class Execution
{
    public required long RolloutId { get; init; }

    public required string DeviceId { get; init; }

    public ExecutionStatus Status { get; set; }

    /// <summary>Where an IN_PROGRESS execution is; null otherwise (and before the device's first report).</summary>
    public ExecutionStep? Step { get; set; }

    /// <summary>Download progress 0..100 while downloading, when the device reported it.</summary>
    public int? Percent { get; set; }

    /// <summary>Why it failed, was rejected, timed out or was cancelled.</summary>
    public string? Reason { get; set; }

    /// <summary>The stage (index) that queued it.</summary>
    public int Stage { get; init; }

    public DateTimeOffset QueuedAt { get; init; }

    /// <summary>When the device first reported progress.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Device time of the last progress applied; older reports (late or redelivered) are ignored.</summary>
    public DateTimeOffset? ReportedAt { get; set; }

    /// <summary>Expiry of the download token in the offer the device holds; null until an offer was published.</summary>
    public DateTimeOffset? OfferExpiresAt { get; set; }

    /// <summary>1 when queued; increases by one with every stored update (compare-and-swap).</summary>
    public long VersionNumber { get; set; }

    /// <summary>True for QUEUED and IN_PROGRESS.</summary>
    public bool IsActive => Status is ExecutionStatus.Queued or ExecutionStatus.InProgress;

    /// <summary>A copy to change and store.</summary>
    public Execution Copy() => (Execution)MemberwiseClone();
}

/// <summary>Execution statuses (AWS IoT Jobs names).</summary>
public enum ExecutionStatus
{
    /// <summary>Offered; the device has not reported progress yet.</summary>
    Queued = 0,

    /// <summary>The device reported a step (downloading, verifying, installing, rebooting).</summary>
    InProgress = 1,

    /// <summary>The device runs the new version and confirmed its health.</summary>
    Succeeded = 2,

    /// <summary>The device tried and failed (reason given); its previous application runs.</summary>
    Failed = 3,

    /// <summary>No end was reported within the execution timeout.</summary>
    TimedOut = 4,

    /// <summary>Cancelled with the rollout, or queued when it aborted.</summary>
    Canceled = 5,

    /// <summary>The device refused the offer before downloading (board, version order, signature).</summary>
    Rejected = 6,
}

/// <summary>Steps of an IN_PROGRESS execution, from the device's reports.</summary>
public enum ExecutionStep
{
    Downloading = 1,
    Downloaded = 2,
    Verified = 3,
    Installing = 4,
    Rebooting = 5,
}
