using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Messages
{
    /// <summary>Encodes readings as a batch (see nordiciot.cddl): per-sensor series with a base time, constant or per-reading spacing, and delta-encoded values.</summary>
    /// <remarks>
    /// Deterministic: the same readings always give the same bytes. Series are ordered by sensor id, then by position in
    /// the batch. A sensor's readings are split where time goes backwards; each part is written either as runs of
    /// constant spacing or as one series with explicit gaps, whichever is shorter (runs on a tie). Allocates nothing:
    /// the size is planned in a first pass that walks exactly the code the second pass writes with.
    /// </remarks>
    public static class BatchEncoder
    {
        /// <summary>The batch format this encoder writes.</summary>
        public const int FormatVersion = 1;

        /// <summary>Writes the first <paramref name="count"/> readings of <paramref name="batch"/>; returns the bytes written.</summary>
        public static int Encode(ReadingBatch batch, int count, CborWriter writer)
        {
            CheckCount(batch, count);
            long baseTime = BaseTime(batch, count);
            int seriesCount = 0;
            Walk(batch, count, baseTime, null, false, ref seriesCount);

            int start = writer.Position;
            writer.WriteArrayHeader(2 + seriesCount);
            writer.WriteUInt(FormatVersion);
            writer.WriteUInt((ulong)baseTime);
            Walk(batch, count, baseTime, writer, false, ref seriesCount);
            return writer.Position - start;
        }

        /// <summary>Bytes that <see cref="Encode"/> would write for the first <paramref name="count"/> readings.</summary>
        public static int EncodedSize(ReadingBatch batch, int count)
        {
            CheckCount(batch, count);
            long baseTime = BaseTime(batch, count);
            int seriesCount = 0;
            int seriesBytes = Walk(batch, count, baseTime, null, true, ref seriesCount);
            return CborSize.Head((ulong)(2 + seriesCount)) + CborSize.Int(FormatVersion) + CborSize.Int(baseTime) + seriesBytes;
        }

        /// <summary>The most leading readings of <paramref name="batch"/> whose encoding fits in <paramref name="maxBytes"/> (0 if not even one does).</summary>
        public static int CountThatFits(ReadingBatch batch, int maxBytes)
        {
            if (batch.Count == 0 || EncodedSize(batch, 1) > maxBytes)
            {
                return 0;
            }

            if (EncodedSize(batch, batch.Count) <= maxBytes)
            {
                return batch.Count;
            }

            // Size grows with the count (every reading adds at least one byte), so the largest fitting count is found by bisection.
            int fits = 1;
            int tooMany = batch.Count;
            while (tooMany - fits > 1)
            {
                int middle = fits + ((tooMany - fits) / 2);
                if (EncodedSize(batch, middle) <= maxBytes)
                {
                    fits = middle;
                }
                else
                {
                    tooMany = middle;
                }
            }

            return fits;
        }

        private static void CheckCount(ReadingBatch batch, int count)
        {
            if (count < 1 || count > batch.Count)
            {
                throw new WireFormatException(WireError.InvalidStructure, 0, "a batch needs 1.." + batch.Count.ToString() + " readings, not " + count.ToString());
            }
        }

        private static long BaseTime(ReadingBatch batch, int count)
        {
            long[] times = batch.Times;
            long min = times[0];
            for (int i = 1; i < count; i++)
            {
                if (times[i] < min)
                {
                    min = times[i];
                }
            }

            if (min < 0)
            {
                throw new WireFormatException(WireError.ValueOutOfRange, 0, "reading time " + min.ToString() + " is before 1970");
            }

            return min;
        }

        // Visits every series; writes them when writer is not null. Returns their total size (when sizes is true) and counts them.
        private static int Walk(ReadingBatch batch, int count, long baseTime, CborWriter writer, bool sizes, ref int seriesCount)
        {
            seriesCount = 0;
            int bytes = 0;
            int sensor = NextSensor(batch, count, 0);
            while (sensor > 0)
            {
                int first = Next(batch, count, sensor, -1);
                while (first >= 0)
                {
                    bool constant;
                    int length = MonotonicLength(batch, count, sensor, first, out constant);
                    if (constant)
                    {
                        // One run of constant spacing: never longer than the same readings with explicit gaps.
                        long interval = length > 1 ? batch.Times[Next(batch, count, sensor, first)] - batch.Times[first] : 0;
                        bytes += writer != null || sizes ? WriteSeries(batch, count, sensor, first, length, baseTime, interval, writer) : 0;
                        seriesCount++;
                    }
                    else
                    {
                        int runSeries = 0;
                        int runBytes = WriteRuns(batch, count, sensor, first, length, baseTime, null, ref runSeries);
                        int gapBytes = WriteSeries(batch, count, sensor, first, length, baseTime, -1, null);
                        if (runBytes <= gapBytes)
                        {
                            bytes += writer != null ? WriteRuns(batch, count, sensor, first, length, baseTime, writer, ref runSeries) : runBytes;
                            seriesCount += runSeries;
                        }
                        else
                        {
                            bytes += writer != null ? WriteSeries(batch, count, sensor, first, length, baseTime, -1, writer) : gapBytes;
                            seriesCount++;
                        }
                    }

                    first = Skip(batch, count, sensor, first, length);
                }

                sensor = NextSensor(batch, count, sensor);
            }

            return bytes;
        }

        // Splits a monotonic part into maximal runs of constant spacing and writes each as an interval series.
        private static int WriteRuns(ReadingBatch batch, int count, int sensor, int first, int length, long baseTime, CborWriter writer, ref int runSeries)
        {
            long[] times = batch.Times;
            runSeries = 0;
            int bytes = 0;
            int runFirst = first;
            int left = length;
            while (left > 0)
            {
                int runLength = 1;
                long interval = 0;
                int previous = runFirst;
                int next = Next(batch, count, sensor, runFirst);
                if (left > 1)
                {
                    interval = times[next] - times[runFirst];
                    runLength = 2;
                    previous = next;
                    while (runLength < left)
                    {
                        int candidate = Next(batch, count, sensor, previous);
                        if (times[candidate] - times[previous] != interval)
                        {
                            break;
                        }

                        previous = candidate;
                        runLength++;
                    }
                }

                bytes += WriteSeries(batch, count, sensor, runFirst, runLength, baseTime, interval, writer);
                runSeries++;
                left -= runLength;
                runFirst = Next(batch, count, sensor, previous);
            }

            return bytes;
        }

        // Writes one series (or only sizes it when writer is null). interval < 0 selects explicit gaps.
        private static int WriteSeries(ReadingBatch batch, int count, int sensor, int first, int length, long baseTime, long interval, CborWriter writer)
        {
            int dims = SensorKind.Dimensions(sensor);
            long[] times = batch.Times;
            int bytes = Head(3 + (dims * length), writer)
                + UInt(sensor, writer)
                + UInt(times[first] - baseTime, writer);

            if (interval >= 0)
            {
                bytes += UInt(interval, writer);
            }
            else
            {
                bytes += Head(length - 1, writer);
                int previous = first;
                for (int k = 1; k < length; k++)
                {
                    int current = Next(batch, count, sensor, previous);
                    bytes += UInt(times[current] - times[previous], writer);
                    previous = current;
                }
            }

            int[] values = batch.Values;
            int[] starts = batch.ValueStarts;
            int reading = first;
            int before = -1;
            for (int k = 0; k < length; k++)
            {
                int at = starts[reading];
                if (before < 0)
                {
                    for (int d = 0; d < dims; d++)
                    {
                        bytes += Int(values[at + d], writer);
                    }
                }
                else
                {
                    int was = starts[before];
                    for (int d = 0; d < dims; d++)
                    {
                        bytes += Int((long)values[at + d] - values[was + d], writer);
                    }
                }

                before = reading;
                reading = k + 1 < length ? Next(batch, count, sensor, reading) : reading;
            }

            return bytes;
        }

        private static int Head(int arrayCount, CborWriter writer)
        {
            if (writer != null)
            {
                writer.WriteArrayHeader(arrayCount);
            }

            return CborSize.Head((ulong)arrayCount);
        }

        private static int UInt(long value, CborWriter writer)
        {
            if (writer != null)
            {
                writer.WriteUInt((ulong)value);
            }

            return CborSize.Head((ulong)value);
        }

        private static int Int(long value, CborWriter writer)
        {
            if (writer != null)
            {
                writer.WriteInt(value);
            }

            return CborSize.Int(value);
        }

        // Readings of the sensor from first on, while time does not go backwards; constant tells whether their spacing never changes.
        private static int MonotonicLength(ReadingBatch batch, int count, int sensor, int first, out bool constant)
        {
            long[] times = batch.Times;
            int length = 1;
            int previous = first;
            int next = Next(batch, count, sensor, first);
            long spacing = next >= 0 ? times[next] - times[first] : 0;
            constant = true;
            while (next >= 0 && times[next] >= times[previous])
            {
                constant &= times[next] - times[previous] == spacing;
                length++;
                previous = next;
                next = Next(batch, count, sensor, next);
            }

            return length;
        }

        private static int Skip(ReadingBatch batch, int count, int sensor, int first, int length)
        {
            int index = first;
            for (int k = 0; k < length && index >= 0; k++)
            {
                index = Next(batch, count, sensor, index);
            }

            return index;
        }

        private static int Next(ReadingBatch batch, int count, int sensor, int after)
        {
            int[] sensors = batch.Sensors;
            for (int i = after + 1; i < count; i++)
            {
                if (sensors[i] == sensor)
                {
                    return i;
                }
            }

            return -1;
        }

        // Smallest sensor id above the given one among the first count readings, or -1.
        private static int NextSensor(ReadingBatch batch, int count, int above)
        {
            int[] sensors = batch.Sensors;
            int best = int.MaxValue;
            for (int i = 0; i < count; i++)
            {
                int s = sensors[i];
                if (s > above && s < best)
                {
                    best = s;
                }
            }

            return best == int.MaxValue ? -1 : best;
        }
    }
}
