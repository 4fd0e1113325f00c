using NordicIoT.Device.Storage;
using NordicIoT.Device.Tests.Fakes;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Storage;

public sealed class ReadingBufferTests
{
    // 1 KB: sixteen 64-byte segments, each a 13-byte header and two one-value readings (18 bytes each).
    private const int SmallCapacity = ReadingBuffer.MinCapacityBytes;
    private const int Header = 13;

    // Readings per cycle of AppendAndSend.
    private const int Cycle = 8000;

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
        Assert.Equal(Header + 36, _flash.Length("rb-0"));
        all.AddRange(AppendRandom(buffer, 1, new Random(12)));
        Assert.Equal(all, Reading.ReadAll(buffer));
        Assert.Equal(all, Reading.ReadAll(Open()));
    }

    [Fact]
    public void Damage_in_an_older_segment_loses_only_what_it_must_and_counts_it()
    {
        ReadingBuffer buffer = Open();
        List<string> all = AppendRandom(buffer, 9, new Random(13), SensorKind.Pressure);
        Assert.Equal(["rb-0", "rb-1", "rb-2", "rb-3", "rb-4"], _flash.List().Order());

        // Second record of the segment holding 2..3: 3 cannot be trusted, and 2 cannot be numbered next to 4.
        _flash.Damage("rb-1", Header + 18 + 12, 0xFF);
        buffer = Open();

        Assert.Equal(4, buffer.FirstSequence);
        Assert.Equal(4, buffer.Dropped);
        Assert.Equal(all.Skip(4), Reading.ReadAll(buffer));
    }

    [Fact]
    public void Damage_found_by_Read_is_reported_and_reopening_recovers()
    {
        ReadingBuffer buffer = Open();
        List<string> all = AppendRandom(buffer, 5, new Random(14), SensorKind.Humidity);
        _flash.Damage("rb-2", Header + 3, 0x55);

        var error = Assert.Throws<BufferCorruptException>(() => Reading.ReadAll(buffer));
        Assert.Contains("reading 4 in rb-2", error.Message);

        buffer = Open();
        Assert.Equal(all.Take(4), Reading.ReadAll(buffer));
        Assert.Equal(4, buffer.NextSequence);
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

        Assert.Equal(4, buffer.FirstSequence); // the segment 4..5 is still on flash
        Assert.Equal(all.Skip(4), Reading.ReadAll(buffer));
    }

    [Fact]
    public void A_segment_with_a_damaged_header_counts_as_empty_and_the_numbering_stays_unbroken()
    {
        ReadingBuffer buffer = Open();
        List<string> all = AppendRandom(buffer, 6, new Random(17), SensorKind.Humidity);

        // rb-1 holds 2..3 with intact records; only the first sequence in its header is wrong.
        _flash.Damage("rb-1", 1, 0x40);
        buffer = Open();

        Assert.False(_flash.Exists("rb-1"));
        Assert.Equal(4, buffer.FirstSequence);
        Assert.Equal(4, buffer.Dropped);
        Assert.Equal(6, buffer.NextSequence);
        Assert.Equal(all.Skip(4), Reading.ReadAll(buffer));
    }

    [Fact]
    public void A_newest_segment_with_a_torn_header_is_deleted_and_its_sequence_given_again()
    {
        ReadingBuffer buffer = Open();
        List<string> all = AppendRandom(buffer, 4, new Random(18), SensorKind.Humidity);
        _flash.Append("rb-2", [1, 4, 0, 0], 0, 4);

        buffer = Open();

        Assert.False(_flash.Exists("rb-2"));
        Assert.Equal(4, buffer.NextSequence);
        all.AddRange(AppendRandom(buffer, 1, new Random(19), SensorKind.Humidity));
        Assert.Equal(all, Reading.ReadAll(Open()));
        Assert.Equal(0, buffer.Dropped);
    }

    [Fact]
    public void Segment_names_come_from_a_fixed_set_reused_cyclically()
    {
        ReadingBuffer buffer = Open();
        var random = new Random(20);
        var seen = new HashSet<string>();
        List<string> all = [];
        for (int i = 0; i < 3000; i++)
        {
            all.AddRange(AppendRandom(buffer, 1, random));
            if (random.Next(5) == 0)
            {
                buffer.RemoveThrough(buffer.FirstSequence + random.Next(buffer.Count));
            }

            seen.UnionWith(_flash.List());
        }

        // 1 KB: 16 segments, a table of 32, so 32 names (and the head), every one of them used.
        seen.Remove("rb-head");
        Assert.Equal(Enumerable.Range(0, 32).Select(n => "rb-" + n).Order(), seen.Order());
        Assert.Equal(all.Skip((int)buffer.FirstSequence), Reading.ReadAll(buffer));
        Assert.Equal(Reading.ReadAll(buffer), Reading.ReadAll(Open()));
    }

    [Fact]
    public void A_new_segment_takes_only_a_free_name_whatever_order_Open_found_the_names_in()
    {
        ReadingBuffer buffer = Open();
        List<string> all = AppendRandom(buffer, 4, new Random(22), SensorKind.Humidity);
        byte[] older = FileBytes("rb-0");
        byte[] newer = FileBytes("rb-1");
        _flash.Replace("rb-0", newer, 0, newer.Length);
        _flash.Replace("rb-1", older, 0, older.Length);

        // The name after the newest segment's (rb-0) is rb-1, which holds the oldest readings.
        buffer = Open();
        all.AddRange(AppendRandom(buffer, 1, new Random(23), SensorKind.Humidity));

        Assert.Equal(["rb-0", "rb-1", "rb-2"], _flash.List().Order());
        Assert.Equal(all, Reading.ReadAll(buffer));
        Assert.Equal(all, Reading.ReadAll(Open()));
    }

    [Fact]
    public void Segments_named_beyond_a_lowered_capacity_are_kept_and_never_clash_with_new_ones()
    {
        // 128 KB: a table of 64 names; after the first 40 segments the newest ones are rb-32 and up.
        var buffer = new ReadingBuffer(_flash, 128 * 1024);
        buffer.Open();
        var random = new Random(21);
        int[] gps = [1, 2, 3, 4, 5, 6];
        for (int i = 0; i < 10_000 && !_flash.Exists("rb-40"); i++)
        {
            buffer.Append(SensorKind.Gps, buffer.NextSequence, gps, 0);
        }

        Assert.True(_flash.Exists("rb-40"), "41 segments of 4 KB were started");

        buffer.RemoveThrough(buffer.NextSequence - 301);
        Assert.Contains("rb-38", _flash.List());

        // 64 KB: names rb-0 .. rb-31, but the segments under rb-38 .. rb-40 are adopted as they are.
        buffer = new ReadingBuffer(_flash, ReadingBuffer.DefaultCapacityBytes);
        buffer.Open();
        Assert.Equal(300, buffer.Count);
        List<string> all = Reading.ReadAll(buffer);
        all.AddRange(AppendRandom(buffer, 4000, random));
        Assert.Equal(all.Skip(all.Count - buffer.Count), Reading.ReadAll(buffer));
        Assert.DoesNotContain(_flash.List(), name => name != "rb-head" && SegmentNumber(name) >= 32);

        var reopened = new ReadingBuffer(_flash, ReadingBuffer.DefaultCapacityBytes);
        reopened.Open();
        Assert.Equal(Reading.ReadAll(buffer), Reading.ReadAll(reopened));
    }

    [Fact]
    public void Appending_reading_and_removing_allocate_nothing_over_many_segments()
    {
        // Room for every file up front, so only the buffer's own allocations are counted.
        var flash = new PreallocatedFlash(files: 40, fileBytes: ReadingBuffer.MaxSegmentBytes);
        var buffer = new ReadingBuffer(flash, ReadingBuffer.DefaultCapacityBytes);
        buffer.Open();
        var batch = new ReadingBatch(8, 8 * SensorKind.MaxDimensions);
        int[] gps = [1, 2, 3, 4, 5, 6];
        int[] one = [21];
        // One cycle of the uplink keeping up and falling behind warms every path up (drops included).
        for (int i = 0; i < Cycle; i++)
        {
            AppendAndSend(buffer, batch, i, gps, one);
        }

        long droppedBefore = buffer.Dropped;
        long before = GC.GetAllocatedBytesForCurrentThread();

        // 24,000 readings of 18 or 38 bytes in 4 KB segments: about 150 segments started and deleted, the names going
        // round the table of 32 several times, and a full buffer dropping segments in every cycle.
        for (int i = Cycle; i < 4 * Cycle; i++)
        {
            AppendAndSend(buffer, batch, i, gps, one);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(buffer.Dropped > droppedBefore);
        Assert.Equal(4 * Cycle, buffer.NextSequence);
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

    // The uplink's share of reading i: for 5,000 readings of each cycle it sends the oldest eight every fourth one
    // (draining the buffer), then for 3,000 it sends nothing (74 KB of readings: the 64 KB buffer fills and drops).
    private static void AppendAndSend(ReadingBuffer buffer, ReadingBatch batch, int i, int[] gps, int[] one)
    {
        if (i % 3 == 0)
        {
            buffer.Append(SensorKind.Gps, i, gps, 0);
        }
        else
        {
            buffer.Append(SensorKind.Temperature, i, one, 0);
        }

        if (i % 4 == 0 && i % Cycle < 5000)
        {
            batch.Clear();
            long first = buffer.FirstSequence;
            int read = buffer.Read(first, batch, 8);
            buffer.RemoveThrough(first + read - 1);
        }
    }

    private byte[] FileBytes(string name)
    {
        var bytes = new byte[_flash.Length(name)];
        _flash.Read(name, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    private static long SegmentNumber(string name) => long.Parse(name.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture);

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
