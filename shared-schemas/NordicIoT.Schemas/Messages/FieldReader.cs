using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Messages
{
    /// <summary>Checked reads shared by the map-shaped messages: definite maps, known and unique keys, bounded values.</summary>
    internal static class FieldReader
    {
        /// <summary>The format every map message carries under key 0.</summary>
        public const int FormatVersion = 1;

        public static int DefiniteMap(CborReader reader, string what)
        {
            int at = reader.Offset;
            int count = reader.ReadMapHeader();
            if (count < 0)
            {
                throw new WireFormatException(WireError.InvalidStructure, at, what + " must be a definite-length map");
            }

            return count;
        }

        public static int DefiniteArray(CborReader reader, string what)
        {
            int at = reader.Offset;
            int count = reader.ReadArrayHeader();
            if (count < 0)
            {
                throw new WireFormatException(WireError.InvalidStructure, at, what + " must be a definite-length array");
            }

            return count;
        }

        /// <summary>Reads a map key that must be an integer 0..maxKey not seen before in this map.</summary>
        public static int Key(CborReader reader, ref ulong seen, int maxKey, string what)
        {
            int at = reader.Offset;
            if (reader.PeekType() != CborType.UnsignedInteger)
            {
                throw new WireFormatException(WireError.UnknownField, at, what + " keys are small unsigned integers");
            }

            ulong key = reader.ReadUInt();
            if (key > (ulong)maxKey)
            {
                throw new WireFormatException(WireError.UnknownField, at, what + " has no field " + key.ToString());
            }

            ulong bit = 1UL << (int)key;
            if ((seen & bit) != 0)
            {
                throw new WireFormatException(WireError.DuplicateKey, at, what + " field " + key.ToString() + " appears twice");
            }

            seen |= bit;
            return (int)key;
        }

        public static void Format(CborReader reader, string what)
        {
            int at = reader.Offset;
            ulong format = reader.ReadUInt();
            if (format != FormatVersion)
            {
                throw new WireFormatException(WireError.UnsupportedVersion, at, what + " format " + format.ToString() + " is not supported (1 is)");
            }
        }

        public static void RequireFormat(ulong seen, int at, string what)
        {
            if ((seen & 1UL) == 0)
            {
                throw new WireFormatException(WireError.MissingField, at, what + " has no format version (key 0)");
            }
        }

        public static long UInt(CborReader reader, long min, long max, string what)
        {
            int at = reader.Offset;
            ulong value = reader.ReadUInt();
            if (value > (ulong)max || (long)value < min)
            {
                throw new WireFormatException(WireError.ValueOutOfRange, at, what + " must be " + min.ToString() + ".." + max.ToString() + ", not " + value.ToString());
            }

            return (long)value;
        }

        public static string Text(CborReader reader, int minLength, int maxLength, string what)
        {
            int at = reader.Offset;
            string value = reader.ReadText();
            if (value.Length < minLength || value.Length > maxLength)
            {
                throw new WireFormatException(WireError.ValueOutOfRange, at, what + " must be " + minLength.ToString() + ".." + maxLength.ToString() + " characters");
            }

            return value;
        }

        public static int SensorId(CborReader reader)
        {
            int at = reader.Offset;
            ulong sensor = reader.ReadUInt();
            if (sensor > SensorKind.MaxSensorId || !SensorKind.IsValid((int)sensor))
            {
                throw new WireFormatException(WireError.ValueOutOfRange, at, "sensor id " + sensor.ToString() + " is not defined");
            }

            return (int)sensor;
        }
    }
}
