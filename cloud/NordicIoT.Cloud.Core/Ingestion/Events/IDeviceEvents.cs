namespace NordicIoT.Cloud.Ingestion.Events;

/// <summary>Carries device events from the code that changes devices to whoever listens live.</summary>
public interface IDeviceEvents
{
    /// <summary>Hands the event to every current listener; never blocks on a slow one.</summary>
    void Publish(DeviceEvent deviceEvent);

    /// <summary>Events published once enumeration has started, until <paramref name="cancellationToken"/> ends the listening.</summary>
    IAsyncEnumerable<DeviceEvent> ListenAsync(CancellationToken cancellationToken);
}
