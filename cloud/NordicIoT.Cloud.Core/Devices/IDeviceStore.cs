namespace NordicIoT.Cloud.Devices;

/// <summary>Stores device twins. Writes are compare-and-swap on <see cref="DeviceTwin.Version"/>, so many processes can share one store.</summary>
public interface IDeviceStore
{
    /// <summary>The twin, or null when the device is not registered.</summary>
    Task<DeviceTwin?> GetAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>Registers a device (version 1); false when it exists already.</summary>
    Task<bool> TryCreateAsync(DeviceTwin twin, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="twin"/> with version <paramref name="expectedVersion"/> + 1 if the stored version is still <paramref name="expectedVersion"/>; false on conflict (read again and retry).</summary>
    Task<bool> TryReplaceAsync(DeviceTwin twin, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>One page of the fleet.</summary>
    Task<DevicePage> ListAsync(DeviceQuery query, CancellationToken cancellationToken);

    /// <summary>Number of registered devices.</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);
}
