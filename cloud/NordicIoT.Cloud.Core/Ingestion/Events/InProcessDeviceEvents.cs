using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace NordicIoT.Cloud.Ingestion.Events;

/// <summary>Device events within one process: each listener gets its own bounded queue, and one that falls behind loses its oldest events rather than slowing ingestion.</summary>
/// <remarks>Listeners only see events of this process; across processes (Lambda) a shared channel is needed, which the dashboard work adds.</remarks>
public sealed class InProcessDeviceEvents : IDeviceEvents
{
    /// <summary>Events a listener may be behind by before its oldest are dropped.</summary>
    public const int ListenerCapacity = 1024;

    private readonly Lock _gate = new();
    private Channel<DeviceEvent>[] _listeners = [];

    /// <summary>Listeners currently attached.</summary>
    public int ListenerCount => Volatile.Read(ref _listeners).Length;

    /// <inheritdoc />
    public void Publish(DeviceEvent deviceEvent)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            listener.Writer.TryWrite(deviceEvent);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<DeviceEvent> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<DeviceEvent>(new BoundedChannelOptions(ListenerCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        Attach(channel);
        try
        {
            await foreach (var deviceEvent in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return deviceEvent;
            }
        }
        finally
        {
            Detach(channel);
        }
    }

    // Copy-on-write: publishing (per message) reads the array without a lock; attaching and detaching are rare.
    private void Attach(Channel<DeviceEvent> channel)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners, channel];
        }
    }

    private void Detach(Channel<DeviceEvent> channel)
    {
        lock (_gate)
        {
            _listeners = Array.FindAll(_listeners, c => c != channel);
        }
    }
}
