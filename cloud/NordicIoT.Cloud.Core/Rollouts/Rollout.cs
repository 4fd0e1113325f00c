namespace NordicIoT.Cloud.Rollouts;

/// <summary>A release being rolled out to a set of devices in stages; stored so that any process can drive it.</summary>
public sealed class Rollout
{
    /// <summary>Assigned by the store (1, 2, ...); the offer's rollout id, which a device takes at most once.</summary>
    public long Id { get; set; }

    public required string ReleaseId { get; init; }

    /// <summary>The release's version, kept for lists and downgrade checks.</summary>
    public required string Version { get; init; }

    public required RolloutTarget Target { get; init; }

    /// <summary>Percent of the target offered at each stage, rising, the last at most 100 (e.g. 5, 25, 100).</summary>
    public required IReadOnlyList<int> Stages { get; init; }

    /// <summary>Time after a stage starts before the next starts by itself; null: stages advance only by hand.</summary>
    public TimeSpan? SoakTime { get; init; }

    public required AbortThreshold Abort { get; init; }

    public RolloutStatus Status { get; set; }

    /// <summary>Index into <see cref="Stages"/> of the stage running now.</summary>
    public int Stage { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset StageStartedAt { get; set; }

    /// <summary>When it completed, was cancelled or aborted.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it ended (abort threshold, cancelled by whom), for people.</summary>
    public string? EndReason { get; set; }

    /// <summary>Increases by one with every stored change (compare-and-swap).</summary>
    public long Revision { get; set; }

    /// <summary>Percent of the target offered now.</summary>
    public int Percent => Stages[Stage];

    /// <summary>True at the last stage.</summary>
    public bool AtLastStage => Stage == Stages.Count - 1;
}

/// <summary>The rollout's life, named as AWS IoT Jobs names a job's.</summary>
public enum RolloutStatus
{
    /// <summary>Offering the release, stage by stage.</summary>
    InProgress = 0,

    /// <summary>The last stage ran and every execution ended.</summary>
    Completed = 1,

    /// <summary>Cancelled by an operator: executions that had not ended were cancelled and their offers withdrawn.</summary>
    Canceled = 2,

    /// <summary>Stopped itself at the failure threshold: devices not yet offered never are; queued offers were withdrawn.</summary>
    Aborted = 3,
}

/// <summary>Which devices a rollout is for: the listed ids, one group, or the whole fleet; stages take a stable percentage of these.</summary>
public sealed record RolloutTarget(RolloutTargetKind Kind, IReadOnlyList<string> DeviceIds, string? Group)
{
    /// <summary>The listed devices.</summary>
    public static RolloutTarget Devices(IReadOnlyList<string> deviceIds) => new(RolloutTargetKind.Devices, deviceIds, null);

    /// <summary>The devices of one group.</summary>
    public static RolloutTarget InGroup(string group) => new(RolloutTargetKind.Group, [], group);

    /// <summary>Every registered device.</summary>
    public static RolloutTarget Fleet() => new(RolloutTargetKind.Fleet, [], null);
}

/// <summary>Kinds of rollout target.</summary>
public enum RolloutTargetKind
{
    Devices = 0,
    Group = 1,
    Fleet = 2,
}

/// <summary>When a rollout stops itself: failed executions (FAILED, TIMED_OUT, REJECTED) reaching a count, or a percentage of ended executions once at least <paramref name="MinEnded"/> have ended.</summary>
/// <param name="MaxFailures">Abort at this many failures; null for no count limit.</param>
/// <param name="MaxFailurePercent">Abort when failures are at least this percent of ended executions; null for no percentage limit.</param>
/// <param name="MinEnded">Ended executions needed before the percentage applies.</param>
public sealed record AbortThreshold(int? MaxFailures, int? MaxFailurePercent, int MinEnded)
{
    /// <summary>No abort.</summary>
    public static AbortThreshold None { get; } = new(null, null, 1);

    /// <summary>The reason to abort at these counts, or null to go on.</summary>
    public string? Reached(ExecutionCounts counts)
    {
        if (MaxFailures is { } count && counts.Failures >= count)
        {
            return $"{counts.Failures} executions failed; the rollout aborts at {count}";
        }

        if (MaxFailurePercent is { } percent && counts.Ended >= MinEnded && counts.Ended > 0 && counts.Failures * 100 >= percent * counts.Ended)
        {
            return $"{counts.Failures} of {counts.Ended} ended executions failed ({counts.Failures * 100 / counts.Ended}%); the rollout aborts at {percent}%";
        }

        return null;
    }
}
