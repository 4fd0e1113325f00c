namespace NordicIoT.Cloud.Rollouts;

/// <summary>Read-modify-write of rollouts and executions with compare-and-swap: a change made by another process in between makes it read again and reapply.</summary>
internal sealed class RolloutUpdates(IRolloutStore store)
{
    private const int UpdateAttempts = 10;

    /// <summary>Applies <paramref name="change"/> to the stored rollout and stores it; retries when another writer got in between. Null when there is no such rollout; the rollout as found when <paramref name="change"/> returns false.</summary>
    public async Task<Rollout?> RolloutAsync(long rolloutId, Func<Rollout, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < UpdateAttempts; attempt++)
        {
            var rollout = await store.GetAsync(rolloutId, cancellationToken).ConfigureAwait(false);
            if (rollout is null)
            {
                return null;
            }

            var revision = rollout.Revision;
            if (!change(rollout))
            {
                return rollout;
            }

            if (await store.TryReplaceAsync(rollout, revision, cancellationToken).ConfigureAwait(false))
            {
                return rollout;
            }
        }

        throw new InvalidOperationException($"Rollout {rolloutId} changed concurrently on each of {UpdateAttempts} update attempts.");
    }

    /// <summary>Stores what <paramref name="change"/> makes of the stored execution (null: nothing to store); retries when another writer got in between. Returns the stored execution, or null when nothing was stored.</summary>
    public async Task<Execution?> ExecutionAsync(long rolloutId, string deviceId, Func<Execution, Execution?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < UpdateAttempts; attempt++)
        {
            var current = await store.GetExecutionAsync(rolloutId, deviceId, cancellationToken).ConfigureAwait(false);
            if (current is null || change(current) is not { } next)
            {
                return null;
            }

            if (await store.TryReplaceExecutionAsync(next, current.VersionNumber, cancellationToken).ConfigureAwait(false))
            {
                return next;
            }
        }

        throw new InvalidOperationException($"The execution of '{deviceId}' in rollout {rolloutId} changed concurrently on each of {UpdateAttempts} update attempts.");
    }
}
