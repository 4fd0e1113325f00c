using NordicIoT.Cloud.Devices;

namespace NordicIoT.Cloud.Ingestion;

/// <summary>Read-modify-write of one twin with compare-and-swap: a change made by another writer in between (another process, the API) makes it read again and reapply.</summary>
public static class TwinUpdater
{
    /// <summary>Applies <paramref name="change"/> to the current twin and stores it; retries on conflict up to <paramref name="attempts"/> times.</summary>
    /// <param name="current">A twin just read (saves the first read), or null to read it here.</param>
    /// <param name="change">Changes the twin it is given (a fresh copy on every attempt); returns false to store nothing.</param>
    /// <exception cref="TwinConflictException">Every attempt met a concurrent change.</exception>
    public static async Task<TwinUpdate> UpdateAsync(
        IDeviceStore store, string deviceId, DeviceTwin? current, Func<DeviceTwin, bool> change, int attempts, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var twin = current ?? await store.GetAsync(deviceId, cancellationToken).ConfigureAwait(false);
            current = null;
            if (twin is null)
            {
                return new TwinUpdate(TwinUpdateStatus.NotFound, null);
            }

            if (!change(twin))
            {
                return new TwinUpdate(TwinUpdateStatus.Unchanged, twin);
            }

            var expected = twin.Version;
            twin.Version = expected + 1;
            if (await store.TryReplaceAsync(twin, expected, cancellationToken).ConfigureAwait(false))
            {
                return new TwinUpdate(TwinUpdateStatus.Updated, twin);
            }
        }

        throw new TwinConflictException(deviceId, attempts);
    }
}

/// <summary>How a twin update ended, and the twin as stored (or as found, when unchanged).</summary>
public sealed record TwinUpdate(TwinUpdateStatus Status, DeviceTwin? Twin);

/// <summary>The ends of a twin update.</summary>
public enum TwinUpdateStatus
{
    /// <summary>The change was stored.</summary>
    Updated,

    /// <summary>The change function chose to store nothing.</summary>
    Unchanged,

    /// <summary>No device with that id is registered.</summary>
    NotFound,
}

/// <summary>A twin kept changing under a read-modify-write; treated as a storage failure so the message is retried.</summary>
public sealed class TwinConflictException(string deviceId, int attempts)
    : Exception($"The twin of '{deviceId}' changed concurrently on each of {attempts} update attempts.")
{
    /// <summary>The device whose twin could not be updated.</summary>
    public string DeviceId { get; } = deviceId;
}
