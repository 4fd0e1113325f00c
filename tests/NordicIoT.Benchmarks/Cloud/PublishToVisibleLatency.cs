using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NordicIoT.Cloud.Ingestion.Events;
using NordicIoT.Device.Host.Simulation;
using NordicIoT.Mqtt;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Benchmarks.Cloud;

/// <summary>Time from a device's PUBLISH to the moment the API returns that reading, with many devices publishing at once.</summary>
/// <remarks>
/// Each device is an MQTT session with its own certificate (the host MQTT client the simulator uses, the device's
/// batch encoder) sending one reading a second, spread over the second. The publish instant is taken just before the
/// PUBLISH is written: the simulator's readings carry whole-second device times, too coarse for this figure. When the
/// app announces a stored batch (its live events), the benchmark asks the API for that reading (CSV export of its
/// second) and stops the clock when the answer holds it.
/// </remarks>
public static class PublishToVisibleLatency
{
    /// <summary>Runs <paramref name="devices"/> devices against <paramref name="bench"/> for <paramref name="duration"/>; returns the latencies of readings published after a warm-up.</summary>
    public static async Task<LatencyDistribution> MeasureAsync(BenchStack bench, IReadOnlyList<string> devices, TimeSpan duration)
    {
        var clients = new List<MqttClient>();
        foreach (var deviceId in devices)
        {
            var client = new MqttClient(bench.DeviceOptions(deviceId));
            await client.ConnectAsync(new MqttConnectOptions(deviceId));
            clients.Add(client);
        }

        var latencies = new LatencyHistogram();
        var published = new ConcurrentDictionary<(string Device, long Time), long>();
        var warmUp = TimeSpan.FromSeconds(3);
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var events = bench.Stack.CloudServices.GetRequiredService<IDeviceEvents>();
        var watcher = WatchAsync(bench, events, published, latencies, clock, warmUp, stop.Token);

        // Device times count up from ten minutes ago, a second per publish: unique per reading, never in the future.
        long firstTime = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        await Task.WhenAll(clients.Select((client, index) => PublishLoopAsync(client, devices[index], index * 1000 / clients.Count, firstTime, published, clock, duration)));

        // Let the last readings arrive, then stop watching.
        var drain = Stopwatch.StartNew();
        while (!published.IsEmpty && drain.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await watcher;
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        if (!published.IsEmpty)
        {
            throw new InvalidOperationException($"{published.Count} published readings never became visible in the API.");
        }

        return latencies.Snapshot();
    }

    private static async Task PublishLoopAsync(
        MqttClient client, string deviceId, int offsetMilliseconds, long firstTime, ConcurrentDictionary<(string, long), long> published, Stopwatch clock, TimeSpan duration)
    {
        var topic = $"d/{deviceId}/b";
        for (long second = 0; ; second++)
        {
            var due = TimeSpan.FromSeconds(second) + TimeSpan.FromMilliseconds(offsetMilliseconds);
            if (due >= duration)
            {
                return;
            }

            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            long time = firstTime + second;
            var payload = Batch(time, (int)(second % 1000));
            published[(deviceId, time)] = Stopwatch.GetTimestamp();
            await client.PublishAsync(topic, payload, MqttQos.AtLeastOnce, retain: false);
        }
    }

    private static async Task WatchAsync(
        BenchStack bench, IDeviceEvents events, ConcurrentDictionary<(string Device, long Time), long> published, LatencyHistogram latencies,
        Stopwatch clock, TimeSpan warmUp, CancellationToken cancellationToken)
    {
        var checks = new List<Task>();
        try
        {
            await foreach (var deviceEvent in events.ListenAsync(cancellationToken))
            {
                if (deviceEvent is ReadingsStored stored)
                {
                    checks.Add(CheckVisibleAsync(bench, stored.DeviceId, stored.To.ToUnixTimeSeconds(), published, latencies, clock, warmUp));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Done watching.
        }

        await Task.WhenAll(checks);
    }

    private static async Task CheckVisibleAsync(
        BenchStack bench, string deviceId, long time, ConcurrentDictionary<(string Device, long Time), long> published, LatencyHistogram latencies,
        Stopwatch clock, TimeSpan warmUp)
    {
        if (!published.TryGetValue((deviceId, time), out long publishedAt))
        {
            return;
        }

        var from = Uri.EscapeDataString(DateTimeOffset.FromUnixTimeSeconds(time).ToString("O"));
        var to = Uri.EscapeDataString(DateTimeOffset.FromUnixTimeSeconds(time + 1).ToString("O"));
        var url = $"api/devices/{deviceId}/readings/temperature/export.csv?from={from}&to={to}";
        while (true)
        {
            var csv = await bench.Admin.GetStringAsync(url);
            if (csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length > 1)
            {
                break;
            }

            await Task.Delay(1);
        }

        var latency = Stopwatch.GetElapsedTime(publishedAt);
        published.TryRemove((deviceId, time), out _);
        if (clock.Elapsed - latency > warmUp)
        {
            latencies.Record(latency);
        }
    }

    private static byte[] Batch(long time, int value)
    {
        var batch = new ReadingBatch(1, 1);
        batch.Add(SensorKind.Temperature, time, [2000 + value], 0);
        var buffer = new byte[BatchEncoder.EncodedSize(batch, batch.Count)];
        BatchEncoder.Encode(batch, batch.Count, new CborWriter(buffer));
        return buffer;
    }
}
