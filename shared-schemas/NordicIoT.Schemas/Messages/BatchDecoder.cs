using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Messages
{
    /// <summary>Decodes a batch (see nordiciot.cddl) into a <see cref="ReadingBatch"/>, treating the input as hostile.</summary>
    public static class BatchDecoder
    {
        // Far beyond any real clock (year 36812) yet small enough that adding gaps can never overflow a long.
        private const ulong MaxTime = 1UL << 40;

        /// <summary>Decodes one whole batch from <paramref name="reader"/> into <paramref name="into"/>, which is cleared first.</summary>
        /// <exception cref="WireFormatException">The input is not a well-formed, valid batch, or it holds more readings than <paramref name="into"/> can.</exception>
        public static void Decode(CborReader reader, ReadingBatch into)
        {
            into.Clear();
            int at = reader.Offset;
            int items = FieldReader.DefiniteArray(reader, "batch");
            if (items < 3)
            {
                throw new WireFormatException(WireError.InvalidStructure, at, "a batch is [format, base-time, series...] with at least one series");
            }

            at = reader.Offset;
            ulong format = reader.ReadUInt();
            if (format != BatchEncoder.FormatVersion)
            {
                throw new WireFormatException(WireError.UnsupportedVersion, at, "batch format " + format.ToString() + " is not supported (1 is)");
            }

            long baseTime = ReadTime(reader, "base time");
            for (int s = 2; s < items; s++)
            {
                DecodeSeries(reader, into, baseTime);
            }

            reader.ReadEndArray();
            reader.ExpectEnd();
        }

        private static void DecodeSeries(CborReader reader, ReadingBatch into, long baseTime)
        {
            int at = reader.Offset;
            int items = FieldReader.DefiniteArray(reader, "series");
            if (items < 4)
            {
                throw new WireFormatException(WireError.InvalidStructure, at, "a series is [sensor, start, timing, values...] with at least one value");
            }

            int sensor = FieldReader.SensorId(reader);
            int dims = SensorKind.Dimensions(sensor);
            int valueCount = items - 3;
            long time = baseTime + ReadTime(reader, "series start");

            int timingAt = reader.Offset;
            int first = into.Count;
            if (reader.PeekType() == CborType.Array)
            {
                int gaps = FieldReader.DefiniteArray(reader, "gaps");
                if (gaps < 1 || valueCount != dims * (gaps + 1))
                {
                    throw new WireFormatException(WireError.InvalidStructure, timingAt, "a series with " + gaps.ToString() + " gaps needs " + (dims * (gaps + 1)).ToString() + " values, not " + valueCount.ToString());
                }

                Reserve(into, sensor, dims, gaps + 1, timingAt);
                long[] times = into.Times;
                times[first] = time;
                for (int k = 1; k <= gaps; k++)
                {
                    time += ReadTime(reader, "gap");
                    times[first + k] = time;
                }

                reader.ReadEndArray();
            }
            else
            {
                long interval = ReadTime(reader, "interval");
                if (valueCount % dims != 0)
                {
                    throw new WireFormatException(WireError.InvalidStructure, timingAt, "a series of sensor " + sensor.ToString() + " needs a multiple of " + dims.ToString() + " values, not " + valueCount.ToString());
                }

                int readings = valueCount / dims;
                Reserve(into, sensor, dims, readings, timingAt);
                long[] times = into.Times;
                for (int k = 0; k < readings; k++)
                {
                    times[first + k] = time;
                    time += interval;
                }
            }

            ReadValues(reader, into, first, dims);
            reader.ReadEndArray();
        }

        private static void ReadValues(CborReader reader, ReadingBatch into, int first, int dims)
        {
            int[] values = into.Values;
            int start = into.ValueStarts[first];
            for (int d = 0; d < dims; d++)
            {
                values[start + d] = reader.ReadInt32();
            }

            int end = into.ValueCount;
            for (int at = start + dims; at < end; at++)
            {
                int deltaAt = reader.Offset;
                long value = values[at - dims] + reader.ReadInt();
                if (value < int.MinValue || value > int.MaxValue)
                {
                    throw new WireFormatException(WireError.ValueOutOfRange, deltaAt, "delta takes the value outside the 32-bit range");
                }

                values[at] = (int)value;
            }
        }

        // Claims room for the series' readings up front, so a hostile count fails before anything is written.
        private static void Reserve(ReadingBatch into, int sensor, int dims, int readings, int offset)
        {
            if (readings > into.Capacity - into.Count || (long)readings * dims > into.Values.Length - into.ValueCount)
            {
                throw new WireFormatException(WireError.TooManyItems, offset, "batch has more readings than the " + into.Capacity.ToString() + " allowed");
            }

            for (int k = 0; k < readings; k++)
            {
                into.Reserve(sensor, 0, dims);
            }
        }

        private static long ReadTime(CborReader reader, string what)
        {
            int at = reader.Offset;
            ulong value = reader.ReadUInt();
            if (value > MaxTime)
            {
                throw new WireFormatException(WireError.ValueOutOfRange, at, what + " " + value.ToString() + " is out of range");
            }

            return (long)value;
        }
    }
}
