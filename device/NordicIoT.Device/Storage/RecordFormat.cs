using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Storage
{
    /// <summary>One reading as stored in a segment file: length, sensor, time, values, CRC-32 (see docs/device-architecture.md).</summary>
    /// <remarks>
    /// Layout, little-endian: [0] total length in bytes, [1] sensor id, [2..9] time (Unix seconds, int64),
    /// then one int32 per value, then the CRC-32 of everything before it. The length is implied by the sensor, so a
    /// torn or damaged record fails at least one of three checks: length, sensor, CRC.
    /// </remarks>
    internal static class RecordFormat
    {
        private const int SensorAt = 1;
        private const int TimeAt = 2;
        private const int ValuesAt = 10;
        private const int CrcBytes = 4;

        /// <summary>Bytes of the longest record (a GPS reading).</summary>
        public const int MaxLength = ValuesAt + 4 * SensorKind.MaxDimensions + CrcBytes;

        /// <summary>Bytes of the record of one reading of <paramref name="sensor"/>.</summary>
        public static int LengthFor(int sensor)
        {
            return ValuesAt + 4 * SensorKind.Dimensions(sensor) + CrcBytes;
        }

        /// <summary>Writes the record into <paramref name="buffer"/> from index <paramref name="at"/> (room for <see cref="MaxLength"/> bytes); returns its length.</summary>
        public static int Encode(byte[] buffer, int at, int sensor, long time, int[] values, int offset)
        {
            int dims = SensorKind.Dimensions(sensor);
            int length = LengthFor(sensor);
            buffer[at] = (byte)length;
            buffer[at + SensorAt] = (byte)sensor;
            LittleEndian.WriteInt64(buffer, at + TimeAt, time);
            for (int k = 0; k < dims; k++)
            {
                LittleEndian.WriteInt32(buffer, at + ValuesAt + 4 * k, values[offset + k]);
            }

            LittleEndian.WriteInt32(buffer, at + length - CrcBytes, (int)Crc32.Compute(buffer, at, length - CrcBytes));
            return length;
        }

        /// <summary>The length of the record at the start of <paramref name="record"/> when its first <paramref name="available"/> bytes hold a whole, intact one; otherwise 0.</summary>
        public static int IntactLength(byte[] record, int available)
        {
            if (available <= SensorAt)
            {
                return 0;
            }

            int sensor = record[SensorAt];
            if (!SensorKind.IsValid(sensor))
            {
                return 0;
            }

            int length = LengthFor(sensor);
            if (record[0] != length || available < length)
            {
                return 0;
            }

            uint stored = (uint)LittleEndian.ReadInt32(record, length - CrcBytes);
            return stored == Crc32.Compute(record, 0, length - CrcBytes) ? length : 0;
        }

        /// <summary>Sensor id of an intact record.</summary>
        public static int Sensor(byte[] record)
        {
            return record[SensorAt];
        }

        /// <summary>Time of an intact record.</summary>
        public static long Time(byte[] record)
        {
            return LittleEndian.ReadInt64(record, TimeAt);
        }

        /// <summary>Copies the values of an intact record into <paramref name="values"/> from index 0.</summary>
        public static void CopyValues(byte[] record, int[] values)
        {
            int dims = SensorKind.Dimensions(record[SensorAt]);
            for (int k = 0; k < dims; k++)
            {
                values[k] = LittleEndian.ReadInt32(record, ValuesAt + 4 * k);
            }
        }
    }
}
