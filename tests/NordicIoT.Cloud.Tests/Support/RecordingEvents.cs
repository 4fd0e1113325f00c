using System.Collections.Concurrent;
using NordicIoT.Cloud.Ingestion.Events;

namespace NordicIoT.Cloud.Tests.Support;

/// <summary>Keeps every published device event, and passes them on to live listeners like the real one.</summary>
public sealed class RecordingEvents : IDeviceEvents
{
    private readonly InProcessDeviceEvents _inner = new();

    /// <summary>Events in publishing order.</summary>
    public ConcurrentQueue<DeviceEvent> Published { get; } = new();

    public void Publish(DeviceEvent deviceEvent)
    {
        Published.Enqueue(deviceEvent);
        _inner.Publish(deviceEvent);
    }

    public IAsyncEnumerable<DeviceEvent> ListenAsync(CancellationToken cancellationToken) => _inner.ListenAsync(cancellationToken);
}
