using NordicIoT.Device.Storage;
using NordicIoT.Device.Tests.Fakes;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Storage;

public sealed class ReadingBufferTests
{
    // 1 KB: sixteen 64-byte segments, three one-value readings (18 bytes each) per segment.
    private const int SmallCapacity = ReadingBuffer.MinCapacityBytes;

    private readonly FlashFake _flash = new();

    [Fact]
    public void A_new_buffer_is_empty()
    {
        ReadingBuffer buffer = Open();

        Assert.Equal(0, buffer.FirstSequence);
        Assert.Equal(0, buffer.NextSequence);
        Assert.Equal(0, buffer.Count);
        Assert.Equal(0, buffer.Dropped);
        Assert.Equal(0, buffer.FillPercent);
        Assert.Equal(0, buffer.Read(0, new ReadingBatch(4, 4), 4));
    }

    [Fact]
    public void Appended_readings_get_consecutive_sequences_and_read_back_oldest_first()
    {
        ReadingBuffer buffer = Open();
        List<string> expected = AppendRandom(buffer, 10, new Random(1));

        Assert.Equal(0, buffer.FirstSequence);
        Assert.Equal(10, buffer.NextSequence);
        Assert.Equal(10, buffer.Count);
        Assert.Equal(expected, Reading.ReadAll(buffer));
    }

    [Fact]
    public void Gps_and_negative_values_round_trip()
    {
        ReadingBuffer buffer = Open();
        int[] values = [99, int.MinValue, -59_913_000, 10_752_000, -1, int.MaxValue, 0, 77];
        buffer.Append(SensorKind.Gps, 1_700_000_000, values, 1);
        buffer.Append(SensorKind.Temperature, long.MaxValue, [-2731], 0);
        buffer.Append(SensorKind.Signal, -5, [-113], 0);

        var batch = new ReadingBatch(3, 8);
        Assert.Equal(3, buffer.Read(0, batch, 3));

        Assert.Equal([SensorKind.Gps, SensorKind.Temperature, SensorKind.Signal], batch.Sensors);
        Assert.Equal([1_700_000_000L, long.MaxValue, -5L], batch.Times);
        Assert.Equal([int.MinValue, -59_913_000, 10_752_000, -1, int.MaxValue, 0, -2731, -113], batch.Values);
    }

    [Fact]
    public void Read_from_a_middle_sequence_starts_there_and_respects_max()
    {
        ReadingBuffer buffer = Open();
        List<string> all = AppendRandom(buffer, 20, new Random(2));

        var batch = new ReadingBatch(20, 20 * SensorKind.MaxDimensions);
        Assert.Equal(5, buffer.Read(7, batch, 5));
        Assert.Equal(all.GetRange(7, 5), Reading.Texts(batch, 7));
        Assert.Equal(all.GetRange(7, 13), Reading.ReadAll(buffer, 7));
        Assert.Equal(0, buffer.Read(20, batch, 5));
        Assert.Equal(0, buffer.Read(1000, batch, 5));
    }

    [Fact]
    public void Read_stops_when_the_batch_is_full_and_the_next_read_continues()
    {
        ReadingBuffer buffer = Open();
        buffer.Append(SensorKind.Temperature, 100, [1], 0);
        buffer.Append(SensorKind.Gps, 101, [1, 2, 3, 4, 5, 6], 0);
        buffer.Append(SensorKind.Humidity, 102, [3], 0);

        // Room for three readings but only four values: the GPS reading does not fit after the first.
        var batch = new ReadingBatch(3, 4);
        Assert.Equal(1, buffer.Read(0, batch, 10));
        Assert.Equal(100, batch.Times[0]);

        batch = new ReadingBatch(3, 7);
        Assert.Equal(2, buffer.Read(1, batch, 10));
        Assert.Equal([101L, 102L], batch.Times.Take(2));
    }

    [Fact]
    public void RemoveThrough_removes_up_to_and_including_the_sequence()
    {
        ReadingBuffer buffer = Open();
        List<string> all = AppendRandom(buffer, 12, new Random(3));

        buffer.RemoveThrough(4);

        Assert.Equal(5, buffer.FirstSequence);
        Assert.Equal(12, buffer.NextSequence);
        Assert.Equal(7, buffer.Count);
        Assert.Equal(all.Skip(5), Reading.ReadAll(buffer, 0));
    }

    [Fact]
    public void RemoveThrough_of_already_removed_readings_does_nothing()
    {
        ReadingBuffer buffer = Open();
        AppendRandom(buffer, 6, new Random(4));
        buffer.RemoveThrough(3);
        long writes = _flash.Writes;

        buffer.RemoveThrough(3);
        buffer.RemoveThrough(0);
        buffer.RemoveThrough(-1);

        Assert.Equal(4, buffer.FirstSequence);
        Assert.Equal(writes, _flash.Writes);
    }

    [Fact]
    public void RemoveThrough_of_a_reading_not_yet_appended_is_an_error()
    {
        ReadingBuffer buffer = Open();
        AppendRandom(buffer, 3, new Random(5));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => buffer.RemoveThrough(3));
        Assert.Contains("next one will be 3", error.Message);
    }

    [Fact]
    public void Removing_everything_deletes_the_segments_and_keeps_numbering()
    {
        ReadingBuffer buffer = Open();
        AppendRandom(buffer, 10, new Random(6));

        buffer.RemoveThrough(9);

        Assert.Equal(0, buffer.Count);
        Assert.Equal(10, buffer.FirstSequence);
        Assert.Equal(["rb-head"], _flash.List());
        Assert.Equal(0, buffer.FillPercent);

        buffer = Open();
        Assert.Equal(10, buffer.NextSequence);
        new Reading(SensorKind.Battery, 5, [3600]).AppendTo(buffer);
        Assert.Equal(["10:4@5[3600]"], Reading.ReadAll(buffer));
    }

    [Fact]
    public void Readings_removals_and_drops_survive_reopening()
    {
        ReadingBuffer buffer = Open();
        List<string> all = AppendRandom(buffer, 80, new Random(7));
        buffer.RemoveThrough(buffer.FirstSequence + 3);
        List<string> before = Reading.ReadAll(buffer);
        long dropped = buffer.Dropped;
        Assert.True(dropped > 0);

        ReadingBuffer reopened = Open();

        Assert.Equal(buffer.FirstSequence, reopened.FirstSequence);
        Assert.Equal(80, reopened.NextSequence);
        Assert.Equal(dropped, reopened.Dropped);
        Assert.Equal(before, Reading.ReadAll(reopened));
        Assert.Equal(all.Skip((int)reopened.FirstSequence), before);
    }

    [Fact]
    public void A_full_buffer_drops_its_oldest_segment_and_counts_the_readings()
    {
        ReadingBuffer buffer = Open();
        var random = new Random(8);
        List<string> all = [];
        while (buffer.Dropped == 0)
        {
            all.AddRange(AppendRandom(buffer, 1, random));
            Assert.True(_flash.BytesOf("rb-") - _flash.BytesOf("rb-head") <= SmallCapacity);
        }

        // Only the oldest readings went, exactly as many as counted, in one segment's worth.
        long first = buffer.FirstSequence;
        Assert.Equal(first, buffer.Dropped);
        Assert.InRange(first, 1, 3);
        Assert.Equal(all.Skip((int)first), Reading.ReadAll(buffer));
        Assert.InRange(buffer.FillPercent, 90, 100);

        for (int i = 0; i < 500; i++)
        {
            all.AddRange(AppendRandom(buffer, 1, random));
            Assert.True(_flash.BytesOf("rb-") - _flash.BytesOf("rb-head") <= SmallCapacity);
        }

        Assert.Equal(buffer.FirstSequence, buffer.Dropped);
        Assert.Equal(all.Skip((int)buffer.FirstSequence), Reading.ReadAll(buffer));
    }

    [Fact]
    public void RemoveThrough_of_an_already_dropped_range_does_nothing()
    {
        ReadingBuffer buffer = Open();
        AppendRandom(buffer, 200, new Random(9));
        long first = buffer.FirstSequence;
        long dropped = buffer.Dropped;
        Assert.True(first > 10);

        buffer.RemoveThrough(first - 10);
        buffer.RemoveThrough(first - 1);

        Assert.Equal(first, buffer.FirstSequence);
        Assert.Equal(dropped, buffer.Dropped);
        Assert.Equal(200 - first, buffer.Count);
    }

    [Fact]
    public void Every_reading_that_left_was_either_removed_or_dropped_never_both()
    {
        ReadingBuffer buffer = Open();
        var random = new Random(10);
        long removed = 0;
        for (int i = 0; i < 2000; i++)
        {
            AppendRandom(buffer, 1, random);
            if (random.Next(8) == 0)
            {
                // The uplink falls behind and catches up part of the way, sometimes into the oldest segment's middle.
                long through = buffer.FirstSequence + random.Next(-2, buffer.Count);
                removed += Math.Max(0, through + 1 - buffer.FirstSequence);
                buffer.RemoveThrough(through);
            }

            Assert.Equal(buffer.FirstSequence, removed + buffer.Dropped);
        }

        Assert.True(buffer.Dropped > 0 && removed > 0);
    }

    [Fact]
    public void A_torn_record_at_the_end_is_cut_off_at_open_and_appending_continues()
    {
        ReadingBuffer buffer = Open();
        List<string> all = AppendRandom(buffer, 2, new Random(11), SensorKind.Temperature);
        _flash.Append("rb-0", [18, 1, 2, 3, 4], 0, 5);

        buffer = Open();

        Assert.Equal(2, buffer.NextSequence);
        Assert.Equal(36, _flash.Length("rb-0"));
        all.AddRange(AppendRandom(buffer, 1, new Random(12)));
        Assert.Equal(all, Reading.ReadAll(buffer));
        Assert.Equal(all, Reading.ReadAll(Open()));
    }

    [Fact]
    public void Damage_in_an_older_segment_loses_only_what_it_must_and_counts_it()
    {
        ReadingBuffer buffer = Open();
        List<string> all = AppendRandom(buffer, 9, new Random(13), SensorKind.Pressure);
        Assert.Equal(["rb-0", "rb-3", "rb-6"], _flash.List().Order());

        // Second record of the segment holding 3..5: 4 and 5 cannot be trusted, and 3 cannot be numbered next to 6.
        _flash.Damage("rb-3", 18 + 12, 0xFF);
        buffer = Open();

        Assert.Equal(6, buffer.FirstSequence);
        Assert.Equal(6, buffer.Dropped);
        Assert.Equal(all.Skip(6), Reading.ReadAll(buffer));
    }

    [Fact]
    public void Damage_found_by_Read_is_reported_and_reopening_recovers()
    {
        ReadingBuffer buffer = Open();
        List<string> all = AppendRandom(buffer, 3, new Random(14), SensorKind.Humidity);
        _flash.Damage("rb-0", 18 * 2 + 3, 0x55);

        var error = Assert.Throws<BufferCorruptException>(() => Reading.ReadAll(buffer));
        Assert.Contains("reading 2 in rb-0", error.Message);

        buffer = Open();
        Assert.Equal(all.Take(2), Reading.ReadAll(buffer));
        Assert.Equal(2, buffer.NextSequence);
    }

    [Fact]
    public void Other_files_in_the_folder_are_left_alone()
    {
        _flash.Replace("config.cbor", [1, 2, 3], 0, 3);
        _flash.Replace("rb-x", [4], 0, 1);
        _flash.Replace("rb-007", [5], 0, 1);
        ReadingBuffer buffer = Open();
        AppendRandom(buffer, 100, new Random(15));
        buffer.RemoveThrough(99);

        Assert.Equal(3, _flash.Length("config.cbor"));
        Assert.True(_flash.Exists("rb-x"));
        Assert.True(_flash.Exists("rb-007"));
    }

    [Fact]
    public void A_damaged_head_keeps_every_reading_rather_than_lose_any()
    {
        ReadingBuffer buffer = Open();
        List<string> all = AppendRandom(buffer, 6, new Random(16), SensorKind.Humidity);
        buffer.RemoveThrough(4);
        _flash.Damage("rb-head", 3, 0x77);

        buffer = Open();

        Assert.Equal(3, buffer.FirstSequence); // the segment 3..5 is still on flash
        Assert.Equal(all.Skip(3), Reading.ReadAll(buffer));
    }

    [Fact]
    public void Appending_and_reading_allocate_nothing_once_running()
    {
        var flash = new FlashFake(initialFileCapacity: ReadingBuffer.MaxSegmentBytes);
        var buffer = new ReadingBuffer(flash, ReadingBuffer.DefaultCapacityBytes);
        buffer.Open();
        var batch = new ReadingBatch(8, 8 * SensorKind.MaxDimensions);
        int[] gps = [1, 2, 3, 4, 5, 6];
        buffer.Append(SensorKind.Gps, 1, gps, 0);
        buffer.Read(0, batch, 8);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            buffer.Append(SensorKind.Gps, 2 + i, gps, 0);
            batch.Clear();
            buffer.Read(1 + i, batch, 8);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(51, buffer.Count);
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_clear_errors()
    {
        Assert.Throws<ArgumentNullException>(() => new ReadingBuffer(null!, ReadingBuffer.DefaultCapacityBytes));
        var small = Assert.Throws<ArgumentOutOfRangeException>(() => new ReadingBuffer(_flash, 1023));
        Assert.Contains("at least 1024 bytes", small.Message);

        var unopened = new ReadingBuffer(_flash, SmallCapacity);
        Assert.Contains("Open()", Assert.Throws<InvalidOperationException>(() => unopened.Append(1, 1, [1], 0)).Message);

        ReadingBuffer buffer = Open();
        Assert.Contains("sensor id 7", Assert.Throws<ArgumentException>(() => buffer.Append(7, 1, [1], 0)).Message);
        Assert.Throws<ArgumentNullException>(() => buffer.Append(1, 1, null!, 0));
        Assert.Contains("needs 6 values", Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Append(SensorKind.Gps, 1, [1, 2, 3, 4, 5, 6], 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Append(1, 1, [1], -1));
        Assert.Throws<ArgumentNullException>(() => buffer.Read(0, null!, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Read(0, new ReadingBatch(1, 1), -1));
        Assert.Equal(0, buffer.NextSequence);
    }

    private ReadingBuffer Open()
    {
        var buffer = new ReadingBuffer(_flash, SmallCapacity);
        buffer.Open();
        return buffer;
    }

    private static List<string> AppendRandom(ReadingBuffer buffer, int count, Random random, int sensor = 0)
    {
        var appended = new List<string>();
        for (int i = 0; i < count; i++)
        {
            Reading reading = Reading.Random(random);
            if (sensor != 0)
            {
                reading = new Reading(sensor, reading.Time, [reading.Values[0]]);
            }

            long sequence = buffer.NextSequence;
            reading.AppendTo(buffer);
            appended.Add(sequence + ":" + reading);
        }

        return appended;
    }
}
