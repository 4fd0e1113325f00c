using System.Diagnostics;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Ingestion;
using NordicIoT.Cloud.Ingestion.Events;
using NordicIoT.Cloud.Storage;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Benchmarks.Cloud;

/// <summary>Readings per second through the whole <see cref="IngestPipeline"/> (decode, validate, store, twin merge, notify) into one storage engine.</summary>
/// <remarks>
/// Batches of 60 temperature readings 10 s apart from many devices, each batch continuing its device's history; each
/// writer owns its own devices, as the bridge and Lambda see them (one device's messages arrive in order).
/// </remarks>
public static class IngestThroughput
{
    /// <summary>Readings in each batch.</summary>
    public const int ReadingsPerBatch = 60;

    // Seconds between the readings of a batch.
    private const long Spacing = 10;

    /// <summary>Devices the batches come from.</summary>
    public const int Devices = 200;

    /// <summary>Ingests for <paramref name="duration"/> (after a short warm-up) with <paramref name="writers"/> concurrent writers; returns readings per second.</summary>
    public static async Task<double> MeasureAsync(ICloudStorage storage, int writers, TimeSpan duration)
    {
        await storage.InitializeAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        for (int d = 0; d < Devices; d++)
        {
            await storage.Devices.TryCreateAsync(new DeviceTwin { DeviceId = DeviceId(d), CreatedAt = now, Version = 1 }, CancellationToken.None);
        }

        using var metrics = new IngestMetrics();
        var pipeline = new IngestPipeline(storage, new InProcessDeviceEvents(), new IngestOptions(), metrics);

        // Each device's history starts six days ago and moves on ten minutes a batch, so no batch repeats another
        // (a repeat would be stored as nothing new) and none reaches the present.
        var start = now.AddDays(-6).ToUnixTimeSeconds();
        await RunAsync(pipeline, writers, start, TimeSpan.FromSeconds(2), firstRound: 0);
        var clock = Stopwatch.StartNew();
        long batches = await RunAsync(pipeline, writers, start, duration, firstRound: 100);
        return batches * ReadingsPerBatch / clock.Elapsed.TotalSeconds;
    }

    private static async Task<long> RunAsync(IngestPipeline pipeline, int writers, long start, TimeSpan duration, int firstRound)
    {
        long done = 0;
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (int round = firstRound; until.Elapsed < duration; round++)
            {
                for (int d = w; d < Devices && until.Elapsed < duration; d += writers)
                {
                    var outcome = await pipeline.IngestAsync($"d/{DeviceId(d)}/b", Batch(start + (round * ReadingsPerBatch * Spacing), d), DateTimeOffset.UtcNow, CancellationToken.None);
                    if (outcome.Result != IngestResult.BatchStored)
                    {
                        throw new InvalidOperationException($"benchmark batch not stored: {outcome.Result} {outcome.DeadLetterReason} {outcome.Detail}");
                    }

                    Interlocked.Increment(ref done);
                }
            }
        })));
        return done;
    }

    private static string DeviceId(int number) => $"bench-{number}";

    private static byte[] Batch(long firstTime, int device)
    {
        var batch = new ReadingBatch(ReadingsPerBatch, ReadingsPerBatch);
        var value = new int[1];
        for (int i = 0; i < ReadingsPerBatch; i++)
        {
            value[0] = 2000 + ((device + i) % 50);
            batch.Add(SensorKind.Temperature, firstTime + (i * Spacing), value, 0);
        }

        var buffer = new byte[BatchEncoder.EncodedSize(batch, batch.Count)];
        BatchEncoder.Encode(batch, batch.Count, new CborWriter(buffer));
        return buffer;
    }
}
