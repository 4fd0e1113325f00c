namespace NordicIoT.Cloud.Rollouts;

/// <summary>Stores rollouts and their executions. Updates are compare-and-swap (rollout revision, execution version number), so several processes can drive rollouts at once.</summary>
public interface IRolloutStore
{
    /// <summary>Stores a new rollout, assigning the next id and revision 1.</summary>
    Task<Rollout> AddAsync(Rollout rollout, CancellationToken cancellationToken);

    /// <summary>The rollout, or null.</summary>
    Task<Rollout?> GetAsync(long rolloutId, CancellationToken cancellationToken);

    /// <summary>Every rollout, newest first.</summary>
    Task<IReadOnlyList<Rollout>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="rollout"/> with revision <paramref name="expectedRevision"/> + 1 if the stored revision is still <paramref name="expectedRevision"/>; false on conflict.</summary>
    Task<bool> TryReplaceAsync(Rollout rollout, long expectedRevision, CancellationToken cancellationToken);

    /// <summary>Stores a new execution (version number 1); false when the device has one in this rollout already, which is how a device never takes a rollout twice.</summary>
    Task<bool> TryAddExecutionAsync(Execution execution, CancellationToken cancellationToken);

    /// <summary>The device's execution in the rollout, or null.</summary>
    Task<Execution?> GetExecutionAsync(long rolloutId, string deviceId, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="execution"/> with version number <paramref name="expectedVersion"/> + 1 if the stored one is still <paramref name="expectedVersion"/>; false on conflict.</summary>
    Task<bool> TryReplaceExecutionAsync(Execution execution, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>A rollout's executions ordered by device id, after <paramref name="afterDeviceId"/> (null: from the start), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Execution>> ListExecutionsAsync(long rolloutId, string? afterDeviceId, int limit, CancellationToken cancellationToken);

    /// <summary>Every execution of one device, newest rollout first.</summary>
    Task<IReadOnlyList<Execution>> ListDeviceExecutionsAsync(string deviceId, CancellationToken cancellationToken);
}
