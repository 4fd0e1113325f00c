using NordicIoT.Device.Platform;
using NordicIoT.Device.Tests.Fakes;
using NordicIoT.Device.Tests.Storage;
using NordicIoT.Schemas.Messages;
using Xunit.Abstractions;

namespace NordicIoT.Device.Tests.Runtime;

/// <summary>Issue 3's acceptance: 24 simulated hours offline, then everything delivered in as few publishes as the cap allows.</summary>
public sealed class OfflineDayTests(ITestOutputHelper output)
{
    // A day of four sensors at one reading a minute is 5,760 records of 18 bytes (103,680 bytes of flash): more than
    // the default 64 KB buffer of a 4 MB board, so this device gets 128 KB, which boards with 8 MB flash (2 MB I:\) spare.
    private const int BufferBytes = 128 * 1024;
    private const int Cap = DeviceConfig.DefaultMaxBatchBytes;

    [Fact]
    public void After_a_day_offline_every_reading_arrives_once_in_order_in_at_most_ceil_readings_over_batch_size_publishes()
    {
        var device = new DeviceHarness(random: new RandomSource(seed: 3));
        device.Options.BufferCapacityBytes = BufferBytes;
        device.Broker.RefuseConnections = true;
        device.Boot().RunFor(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));

        List<Reading> offline = device.BufferedReadings();
        Assert.Equal(4 * 24 * 60, offline.Count);
        Assert.Equal(0, device.Runtime.Buffer.Dropped);
        Assert.Empty(device.Broker.Published);
        Assert.True(device.Broker.ConnectAttempts > 100, "the device stopped trying to connect");

        // The backoff is capped at 5 minutes, so the device is back within 6.
        device.Broker.RefuseConnections = false;
        device.RunFor(TimeSpan.FromMinutes(6));

        Assert.Equal(device.Topics.State, device.Broker.Published[0].Topic);
        List<List<Reading>> batches = device.Batches().Select(b => DeviceHarness.DecodeBatch(b.Payload)).ToList();
        Assert.All(device.Batches(), b => Assert.InRange(b.Payload.Length, 1, Cap));

        var offlineTexts = offline.Select(r => r.ToString()).ToHashSet();
        List<List<Reading>> carrying = batches.Where(b => b.Any(r => offlineTexts.Contains(r.ToString()))).ToList();
        List<Reading> delivered = carrying.SelectMany(b => b).Where(r => offlineTexts.Contains(r.ToString())).ToList();
        Assert.Equal(offline.Count, delivered.Count);
        Assert.Equal(offline.Count, delivered.Select(r => r.ToString()).Distinct().Count());
        Assert.Equal(PerSensor(offline), PerSensor(delivered));

        // "Batch size": how many of these readings (oldest first) fit in one batch at the default 1024-byte cap.
        int batchSize = ReadingsThatFit(offline, 0);
        int bound = (offline.Count + batchSize - 1) / batchSize;
        output.WriteLine($"batch size at {Cap} bytes: {batchSize} readings; {offline.Count} readings in {carrying.Count} publishes (bound {bound})");
        Assert.True(carrying.Count <= bound, $"{carrying.Count} publishes carried {offline.Count} readings; at most {bound} allowed");

        // Each batch but the last is a run of the buffer that could not take one more reading.
        int at = 0;
        foreach (List<Reading> batch in carrying.SkipLast(1))
        {
            Assert.Equal(
                offline.Skip(at).Take(batch.Count).Select(r => r.ToString()).Order(),
                batch.Select(r => r.ToString()).Order());
            Assert.Equal(ReadingsThatFit(offline, at), batch.Count);
            at += batch.Count;
        }
    }

    private static int ReadingsThatFit(List<Reading> readings, int from)
    {
        var batch = new ReadingBatch(DeviceOptions.DefaultMaxReadingsPerBatch, 2 * DeviceOptions.DefaultMaxReadingsPerBatch);
        foreach (Reading reading in readings.Skip(from).Take(batch.Capacity))
        {
            batch.Add(reading.Sensor, reading.Time, reading.Values, 0);
        }

        return BatchEncoder.CountThatFits(batch, Cap);
    }

    private static Dictionary<int, string[]> PerSensor(IEnumerable<Reading> readings) =>
        readings.GroupBy(r => r.Sensor).ToDictionary(g => g.Key, g => g.Select(r => r.ToString()).ToArray());
}
