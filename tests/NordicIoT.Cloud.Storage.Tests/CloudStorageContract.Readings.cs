using NordicIoT.Cloud.Readings;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Storage.Tests;

/// <summary>Readings: idempotent storing, the [from, to) window, the limit, multi-value and negative values.</summary>
public abstract partial class CloudStorageContract
{
    private const int Temperature = SensorKind.Temperature;

    [Fact]
    public async Task Stored_readings_come_back_oldest_first_with_their_values()
    {
        await StoreAsync("dev-1", TestBatch.Of(
            new TestReading(Temperature, NowSeconds + 120, 2140),
            new TestReading(Temperature, NowSeconds, 2137),
            new TestReading(Temperature, NowSeconds + 60, 2139)));

        IReadOnlyList<Reading> readings = await QueryAsync("dev-1", Temperature, Now, Now.AddHours(1));

        Assert.Equal([Now, Now.AddSeconds(60), Now.AddSeconds(120)], readings.Select(r => r.Time));
        Assert.Equal([2137, 2139, 2140], readings.Select(r => Assert.Single(r.Values)));
        Assert.All(readings, r => Assert.Equal(Temperature, r.Sensor));
    }

    [Fact]
    public async Task The_same_batch_stored_twice_is_kept_once()
    {
        TestBatch batch = TestBatch.Series(Temperature, NowSeconds, NowSeconds + 60, NowSeconds + 120);

        await StoreAsync("dev-1", batch);
        await StoreAsync("dev-1", batch);

        Assert.Equal(3, (await QueryAsync("dev-1", Temperature, Now, Now.AddHours(1))).Count);
    }

    [Fact]
    public async Task The_same_readings_cut_into_other_batches_are_kept_once()
    {
        long[] times = [.. Enumerable.Range(0, 10).Select(i => NowSeconds + (i * 60))];
        await StoreAsync("dev-1", TestBatch.Series(Temperature, times[..6]));
        await StoreAsync("dev-1", TestBatch.Series(Temperature, times[4..]));
        await StoreAsync("dev-1", TestBatch.Series(Temperature, times[2..8]));

        IReadOnlyList<Reading> readings = await QueryAsync("dev-1", Temperature, Now, Now.AddHours(1));

        Assert.Equal(times, readings.Select(r => r.Time.ToUnixTimeSeconds()));
        Assert.Equal(times.Select(t => (int)(t % 1000)), readings.Select(r => r.Values[0]));
    }

    [Fact]
    public async Task Window_includes_from_and_excludes_to()
    {
        await StoreAsync("dev-1", TestBatch.Series(Temperature, NowSeconds - 1, NowSeconds, NowSeconds + 59, NowSeconds + 60));

        IReadOnlyList<Reading> readings = await QueryAsync("dev-1", Temperature, Now, Now.AddSeconds(60));

        Assert.Equal([Now, Now.AddSeconds(59)], readings.Select(r => r.Time));
    }

    [Fact]
    public async Task Window_bounds_between_whole_seconds_round_up()
    {
        await StoreAsync("dev-1", TestBatch.Series(Temperature, NowSeconds, NowSeconds + 1, NowSeconds + 2, NowSeconds + 3));

        IReadOnlyList<Reading> readings = await QueryAsync("dev-1", Temperature, Now.AddMilliseconds(1), Now.AddMilliseconds(2001));

        Assert.Equal([Now.AddSeconds(1), Now.AddSeconds(2)], readings.Select(r => r.Time));
    }

    [Fact]
    public async Task An_empty_window_holds_nothing()
    {
        await StoreAsync("dev-1", TestBatch.Series(Temperature, NowSeconds));

        Assert.Empty(await QueryAsync("dev-1", Temperature, Now, Now));
    }

    [Fact]
    public async Task Limit_returns_the_earliest_readings()
    {
        long[] times = [.. Enumerable.Range(0, 20).Select(i => NowSeconds + (i * 60))];
        await StoreAsync("dev-1", TestBatch.Series(Temperature, times[10..]));
        await StoreAsync("dev-1", TestBatch.Series(Temperature, times[..10]));

        IReadOnlyList<Reading> readings = await QueryAsync("dev-1", Temperature, Now, Now.AddDays(1), limit: 5);

        Assert.Equal(times[..5], readings.Select(r => r.Time.ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task Limit_counts_each_reading_once_across_overlapping_batches()
    {
        long[] times = [.. Enumerable.Range(0, 8).Select(i => NowSeconds + (i * 60))];
        await StoreAsync("dev-1", TestBatch.Series(Temperature, times[..5]));
        await StoreAsync("dev-1", TestBatch.Series(Temperature, times[1..4]));
        await StoreAsync("dev-1", TestBatch.Series(Temperature, times[3..]));

        IReadOnlyList<Reading> readings = await QueryAsync("dev-1", Temperature, Now, Now.AddDays(1), limit: 6);

        Assert.Equal(times[..6], readings.Select(r => r.Time.ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task Limit_takes_the_earliest_readings_of_interleaved_batches()
    {
        // Irregular sampling: the first batch's second reading comes after the whole second batch.
        await StoreAsync("dev-1", TestBatch.Series(Temperature, NowSeconds, NowSeconds + 600));
        await StoreAsync("dev-1", TestBatch.Series(Temperature, NowSeconds + 60, NowSeconds + 120, NowSeconds + 180));

        IReadOnlyList<Reading> readings = await QueryAsync("dev-1", Temperature, Now, Now.AddDays(1), limit: 2);

        Assert.Equal([0, 60], readings.Select(r => r.Time.ToUnixTimeSeconds() - NowSeconds));
    }

    [Fact]
    public async Task A_full_uplink_of_mixed_sensors_comes_back_whole()
    {
        // A default device's 15 minutes (four sensors once a minute) plus GPS fixes: more rows than one multi-row insert takes.
        var readings = new List<TestReading>();
        for (int minute = 0; minute < 15; minute++)
        {
            long time = NowSeconds + (minute * 60);
            readings.Add(new TestReading(Temperature, time, 2100 + minute));
            readings.Add(new TestReading(SensorKind.Humidity, time, 4500 - minute));
            readings.Add(new TestReading(SensorKind.Pressure, time, 101325 + minute));
            readings.Add(new TestReading(SensorKind.Battery, time, 3712 - minute));
            if (minute % 5 == 0)
            {
                readings.Add(new TestReading(SensorKind.Gps, time, 59329323 + minute, 18068581 - minute, 35, 280, minute, 1800));
            }
        }

        await StoreAsync("dev-1", TestBatch.Of([.. readings]));

        foreach (int sensor in new[] { Temperature, SensorKind.Humidity, SensorKind.Pressure, SensorKind.Battery, SensorKind.Gps })
        {
            TestReading[] expected = [.. readings.Where(r => r.Sensor == sensor)];
            IReadOnlyList<Reading> stored = await QueryAsync("dev-1", sensor, Now, Now.AddHours(1));
            Assert.Equal(expected.Select(r => r.Time), stored.Select(r => r.Time.ToUnixTimeSeconds()));
            Assert.Equal(expected.Select(r => string.Join(',', r.Values)), stored.Select(r => string.Join(',', r.Values)));
        }
    }

    [Fact]
    public async Task Gps_readings_keep_all_six_values()
    {
        int[] stockholm = [59329323, 18068581, 35, 280, 150, 1800];
        int[] moved = [59329400, 18068500, 40, 275, 0, 0];
        await StoreAsync("dev-1", TestBatch.Of(new TestReading(SensorKind.Gps, NowSeconds, stockholm), new TestReading(SensorKind.Gps, NowSeconds + 60, moved)));

        IReadOnlyList<Reading> readings = await QueryAsync("dev-1", SensorKind.Gps, Now, Now.AddHours(1));

        Assert.Equal(2, readings.Count);
        Assert.Equal(stockholm, readings[0].Values);
        Assert.Equal(moved, readings[1].Values);
    }

    [Fact]
    public async Task Negative_and_extreme_values_survive()
    {
        int[] sydney = [-33868820, -151209290, 50, -120, 0, 3599];
        await StoreAsync("dev-1", TestBatch.Of(
            new TestReading(Temperature, NowSeconds, -4012),
            new TestReading(Temperature, NowSeconds + 1, int.MinValue),
            new TestReading(Temperature, NowSeconds + 2, int.MaxValue),
            new TestReading(SensorKind.Signal, NowSeconds, -87),
            new TestReading(SensorKind.Gps, NowSeconds, sydney)));

        Assert.Equal([-4012, int.MinValue, int.MaxValue], (await QueryAsync("dev-1", Temperature, Now, Now.AddHours(1))).Select(r => r.Values[0]));
        Assert.Equal(-87, Assert.Single(await QueryAsync("dev-1", SensorKind.Signal, Now, Now.AddHours(1))).Values[0]);
        Assert.Equal(sydney, Assert.Single(await QueryAsync("dev-1", SensorKind.Gps, Now, Now.AddHours(1))).Values);
    }

    [Fact]
    public async Task Queries_see_only_the_asked_device_and_sensor()
    {
        await StoreAsync("dev-1", TestBatch.Of(new TestReading(Temperature, NowSeconds, 1), new TestReading(SensorKind.Humidity, NowSeconds, 2), new TestReading(40, NowSeconds, 3)));
        await StoreAsync("dev-2", TestBatch.Of(new TestReading(Temperature, NowSeconds, 4)));

        Assert.Equal(1, Assert.Single(await QueryAsync("dev-1", Temperature, Now, Now.AddHours(1))).Values[0]);
        Assert.Equal(3, Assert.Single(await QueryAsync("dev-1", 40, Now, Now.AddHours(1))).Values[0]);
        Assert.Equal(4, Assert.Single(await QueryAsync("dev-2", Temperature, Now, Now.AddHours(1))).Values[0]);
        Assert.Empty(await QueryAsync("dev-2", SensorKind.Humidity, Now, Now.AddHours(1)));
    }

    [Fact]
    public async Task Batches_stored_concurrently_while_others_read_are_all_kept()
    {
        const int Devices = 6;
        const int BatchesEach = 5;

        await Task.WhenAll(Enumerable.Range(0, Devices).Select(device => Task.Run(async () =>
        {
            for (int b = 0; b < BatchesEach; b++)
            {
                long start = NowSeconds + (b * 900);
                await StoreAsync($"dev-{device}", TestBatch.Series(Temperature, [.. Enumerable.Range(0, 15).Select(m => start + (m * 60L))]));
                await QueryAsync($"dev-{device}", Temperature, Now, Now.AddDays(1));
            }
        })));

        for (int device = 0; device < Devices; device++)
        {
            Assert.Equal(BatchesEach * 15, (await QueryAsync($"dev-{device}", Temperature, Now, Now.AddDays(1))).Count);
        }
    }

    [Fact]
    public async Task A_batch_as_long_as_allowed_is_found_by_its_last_reading()
    {
        long span = (long)ReadingLimits.MaxBatchSpan.TotalSeconds;
        await StoreAsync("dev-1", TestBatch.Series(Temperature, NowSeconds - span, NowSeconds));

        IReadOnlyList<Reading> readings = await QueryAsync("dev-1", Temperature, Now, Now.AddSeconds(1));

        Assert.Equal(Now, Assert.Single(readings).Time);
    }

    [Fact]
    public async Task A_batch_longer_than_allowed_is_refused()
    {
        long span = (long)ReadingLimits.MaxBatchSpan.TotalSeconds;
        TestBatch batch = TestBatch.Series(Temperature, NowSeconds - span - 1, NowSeconds);

        await Assert.ThrowsAsync<ArgumentException>(() => StoreAsync("dev-1", batch));
    }

    [Fact]
    public async Task Bad_reading_queries_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.Readings.QueryAsync("dev-1", Temperature, Now, Now.AddSeconds(-1), 10, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Storage.Readings.QueryAsync("dev-1", Temperature, Now, Now.AddSeconds(1), 0, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Storage.Readings.QueryAsync("dev-1", 7, Now, Now.AddSeconds(1), 10, None));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.Readings.QueryAsync("bad id", Temperature, Now, Now.AddSeconds(1), 10, None));
    }

    [Fact]
    public async Task A_batch_without_its_payload_is_refused()
    {
        TestBatch batch = TestBatch.Series(Temperature, NowSeconds);

        await Assert.ThrowsAsync<ArgumentException>(() => Storage.Readings.StoreBatchAsync("dev-1", batch.Batch, ReadOnlyMemory<byte>.Empty, Now, None));
    }

    private Task StoreAsync(string deviceId, TestBatch batch) => Storage.Readings.StoreBatchAsync(deviceId, batch.Batch, batch.Payload, Now, None);

    private Task<IReadOnlyList<Reading>> QueryAsync(string deviceId, int sensor, DateTimeOffset from, DateTimeOffset to, int limit = 1000) =>
        Storage.Readings.QueryAsync(deviceId, sensor, from, to, limit, None);
}
