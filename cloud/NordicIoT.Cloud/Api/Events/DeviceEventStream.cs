using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using NordicIoT.Cloud.Api.Contracts;
using NordicIoT.Cloud.Api.Devices;
using NordicIoT.Cloud.Ingestion.Events;
using NordicIoT.Cloud.Json;
using NordicIoT.Cloud.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Api.Events;

/// <summary>Turns the process's device events into Server-Sent Events for one listener: "ready" once listening, "twin" with the changed twin, "readings" per stored batch, and a heartbeat.</summary>
/// <remarks>
/// A "twin" event carries the twin as the API shows it (the full view when the stream is for one device, the fleet
/// summary otherwise), read from storage when the event is sent, so a burst of changes to one device costs one read
/// per version not yet sent rather than one per change. A listener that falls behind loses its oldest events; it
/// still ends on the newest twin, because every twin read is of the newest version.
/// </remarks>
public sealed partial class DeviceEventStream(IDeviceEvents events, ICloudStorage storage, TimeProvider time, ILogger<DeviceEventStream> logger)
{
    /// <summary>Sent first, once the stream listens: the page reloads what it shows, so nothing between its last read and now is missed.</summary>
    public const string ReadyEvent = "ready";

    /// <summary>A twin changed; data is its view.</summary>
    public const string TwinEvent = "twin";

    /// <summary>A batch of readings was stored; data is a <see cref="ReadingsEventView"/>.</summary>
    public const string ReadingsEvent = "readings";

    /// <summary>Sent when nothing else was, so proxies keep the connection and the page knows it is alive.</summary>
    public const string HeartbeatEvent = "heartbeat";

    /// <summary>Time between heartbeats.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    /// <summary>How long the browser waits before reconnecting a dropped stream.</summary>
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    // Items a slow connection may be behind by before the oldest are dropped.
    private const int Capacity = 256;

    /// <summary>The events of <paramref name="deviceId"/> (null: of every device) until <paramref name="cancellationToken"/> fires or storage fails (the browser then reconnects).</summary>
    public async IAsyncEnumerable<SseItem<string>> ReadAsync(string? deviceId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var queue = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // PumpAsync attaches its listener before its first await returns, so "ready" goes out only once nothing can be missed.
        var pump = PumpAsync(deviceId, queue.Writer, stop.Token);
        var heartbeat = BeatAsync(queue.Writer, stop.Token);
        queue.Writer.TryWrite(new SseItem<string>("{}", ReadyEvent) { ReconnectionInterval = ReconnectDelay });
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(pump, heartbeat).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task PumpAsync(string? deviceId, ChannelWriter<SseItem<string>> queue, CancellationToken cancellationToken)
    {
        var sent = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            await foreach (var deviceEvent in events.ListenAsync(cancellationToken).ConfigureAwait(false))
            {
                if (deviceId is not null && deviceEvent.DeviceId != deviceId)
                {
                    continue;
                }

                var item = deviceEvent switch
                {
                    TwinChanged changed => await TwinItemAsync(changed, deviceId is not null, sent, cancellationToken).ConfigureAwait(false),
                    ReadingsStored stored => ReadingsItem(stored),
                    _ => (SseItem<string>?)null,
                };
                if (item is { } ready)
                {
                    queue.TryWrite(ready);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStreamFailed(e, deviceId ?? "(all)");
        }
        finally
        {
            queue.TryComplete();
        }
    }

    private async Task<SseItem<string>?> TwinItemAsync(TwinChanged changed, bool full, Dictionary<string, long> sent, CancellationToken cancellationToken)
    {
        if (sent.TryGetValue(changed.DeviceId, out var version) && version >= changed.Version)
        {
            return null;
        }

        var twin = await storage.Devices.GetAsync(changed.DeviceId, cancellationToken).ConfigureAwait(false);
        if (twin is null)
        {
            return null;
        }

        sent[twin.DeviceId] = twin.Version;
        var now = time.GetUtcNow();
        var data = full
            ? JsonSerializer.Serialize(TwinViews.Full(twin, now), CloudJsonContext.Default.DeviceTwinView)
            : JsonSerializer.Serialize(TwinViews.Summary(twin, now), CloudJsonContext.Default.DeviceSummary);
        return new SseItem<string>(data, TwinEvent);
    }

    private static SseItem<string> ReadingsItem(ReadingsStored stored)
    {
        var view = new ReadingsEventView(stored.DeviceId, stored.At, stored.Count, stored.Sensors.Select(SensorKind.Name).ToList(), stored.From, stored.To);
        return new SseItem<string>(JsonSerializer.Serialize(view, CloudJsonContext.Default.ReadingsEventView), ReadingsEvent);
    }

    private async Task BeatAsync(ChannelWriter<SseItem<string>> queue, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(HeartbeatInterval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            queue.TryWrite(new SseItem<string>("{}", HeartbeatEvent));
        }
    }

    [LoggerMessage(LogLevel.Warning, "Live event stream for {DeviceId} ended because reading a twin failed; the browser reconnects.")]
    private partial void LogStreamFailed(Exception exception, string deviceId);
}
