namespace NordicIoT.Cloud.Api.Contracts;

/// <summary>Body of POST /api/rollouts.</summary>
/// <remarks>A class with properties rather than a positional record: the request delegate generator cannot yet describe constructor parameters of nullable reference types.</remarks>
public sealed class StartRolloutRequest
{
    /// <summary>The release to roll out.</summary>
    public string? ReleaseId { get; init; }

    /// <summary>Which devices.</summary>
    public RolloutTargetBody? Target { get; init; }

    /// <summary>Percent per stage, rising; default [100].</summary>
    public List<int>? Stages { get; init; }

    /// <summary>Minutes after which a stage advances by itself; left out: by hand (POST .../advance).</summary>
    public int? SoakMinutes { get; init; }

    /// <summary>When the rollout stops itself; left out: never.</summary>
    public AbortBody? Abort { get; init; }
}

/// <summary>Exactly one of: deviceIds, group, or all = true.</summary>
public sealed class RolloutTargetBody
{
    public List<string>? DeviceIds { get; init; }

    public string? Group { get; init; }

    public bool? All { get; init; }
}

/// <summary>Abort threshold: failures (FAILED, TIMED_OUT, REJECTED) as a count and/or a percent of ended executions once minEnded have ended.</summary>
public sealed class AbortBody
{
    public int? MaxFailures { get; init; }

    public int? MaxFailurePercent { get; init; }

    public int? MinEnded { get; init; }
}

/// <summary>A rollout as the API shows it.</summary>
/// <param name="Stage">Index of the current stage in <paramref name="Stages"/>.</param>
/// <param name="Percent">Percent of the target offered now.</param>
/// <param name="NextStageAt">When the next stage starts by itself; null for manual stages or at the last one.</param>
/// <param name="Executions">Executions by status (only when reading one rollout).</param>
public sealed record RolloutView(
    long Id, string ReleaseId, string Version, RolloutTargetView Target, IReadOnlyList<int> Stages, int Stage, int Percent, int? SoakMinutes,
    AbortView Abort, string Status, DateTimeOffset CreatedAt, DateTimeOffset StageStartedAt, DateTimeOffset? NextStageAt, DateTimeOffset? EndedAt,
    string? EndReason, ExecutionCountsView? Executions);

/// <summary>A rollout's target.</summary>
/// <param name="Kind">"devices", "group" or "all".</param>
public sealed record RolloutTargetView(string Kind, IReadOnlyList<string> DeviceIds, string? Group);

/// <summary>A rollout's abort threshold.</summary>
public sealed record AbortView(int? MaxFailures, int? MaxFailurePercent, int MinEnded);

/// <summary>Executions per status.</summary>
public sealed record ExecutionCountsView(int Queued, int InProgress, int Succeeded, int Failed, int TimedOut, int Canceled, int Rejected, int Total);

/// <summary>One device's execution.</summary>
/// <param name="Status">QUEUED, IN_PROGRESS, SUCCEEDED, FAILED, TIMED_OUT, CANCELED or REJECTED.</param>
/// <param name="Step">downloading, downloaded, verified, installing or rebooting while IN_PROGRESS.</param>
/// <param name="VersionNumber">Increases with every update.</param>
public sealed record ExecutionView(
    long RolloutId, string DeviceId, string Status, string? Step, int? Percent, string? Reason, int Stage, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt,
    DateTimeOffset UpdatedAt, DateTimeOffset? EndedAt, DateTimeOffset? OfferExpiresAt, long VersionNumber);

/// <summary>A page of executions and the token for the next (null on the last).</summary>
public sealed record ExecutionPage(IReadOnlyList<ExecutionView> Executions, string? ContinuationToken);
