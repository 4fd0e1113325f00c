using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Messages
{
    /// <summary>Writes and reads device configurations (see nordiciot.cddl), enforcing the ranges the format allows.</summary>
    public static class DeviceConfigCodec
    {
        private const int KeyVersion = 1;
        private const int KeySampleIntervals = 2;
        private const int KeyUplinkInterval = 3;
        private const int KeyStateInterval = 4;
        private const int KeyMode = 5;
        private const int KeyThresholds = 6;
        private const int KeyMaxBatchBytes = 7;

        /// <summary>Longest sample interval, seconds (a day).</summary>
        public const int MaxSampleInterval = 86400;

        /// <summary>Shortest uplink interval, seconds.</summary>
        public const int MinUplinkInterval = 10;

        /// <summary>Longest uplink interval, seconds.</summary>
        public const int MaxUplinkInterval = 86400;

        /// <summary>Shortest full state report interval, seconds.</summary>
        public const int MinStateInterval = 60;

        /// <summary>Longest full state report interval, seconds (a week).</summary>
        public const int MaxStateInterval = 604800;

        /// <summary>Smallest batch payload cap, bytes.</summary>
        public const int MinBatchBytes = 64;

        /// <summary>Largest batch payload cap, bytes: well under what nanoFramework's MQTT client builds in one buffer.</summary>
        public const int MaxBatchBytes = 8192;

        /// <summary>Writes <paramref name="config"/>, leaving out fields at their defaults; returns the bytes written.</summary>
        public static int Encode(DeviceConfig config, CborWriter writer)
        {
            int start = writer.Position;
            bool uplink = config.UplinkInterval != DeviceConfig.DefaultUplinkInterval;
            bool state = config.StateInterval != DeviceConfig.DefaultStateInterval;
            bool mode = config.Mode != DeviceMode.Normal;
            bool batch = config.MaxBatchBytes != DeviceConfig.DefaultMaxBatchBytes;
            int fields = 2 + (config.HasSampleIntervals ? 1 : 0) + (uplink ? 1 : 0) + (state ? 1 : 0) + (mode ? 1 : 0)
                + (config.ThresholdCount > 0 ? 1 : 0) + (batch ? 1 : 0);

            writer.WriteMapHeader(fields);
            writer.WriteUInt(0);
            writer.WriteUInt(FieldReader.FormatVersion);
            writer.WriteUInt(KeyVersion);
            writer.WriteUInt((ulong)config.Version);
            if (config.HasSampleIntervals)
            {
                writer.WriteUInt(KeySampleIntervals);
                writer.WriteMapHeader(config.SampleCount);
                for (int i = 0; i < config.SampleCount; i++)
                {
                    int sensor = config.SampleSensorAt(i);
                    writer.WriteUInt((ulong)sensor);
                    writer.WriteUInt((ulong)config.SampleInterval(sensor));
                }
            }

            WriteOptional(writer, uplink, KeyUplinkInterval, config.UplinkInterval);
            WriteOptional(writer, state, KeyStateInterval, config.StateInterval);
            WriteOptional(writer, mode, KeyMode, (int)config.Mode);
            if (config.ThresholdCount > 0)
            {
                writer.WriteUInt(KeyThresholds);
                writer.WriteMapHeader(config.ThresholdCount);
                for (int i = 0; i < config.ThresholdCount; i++)
                {
                    writer.WriteUInt((ulong)config.ThresholdSensorAt(i));
                    writer.WriteArrayHeader(2);
                    writer.WriteInt(config.ThresholdLowAt(i));
                    writer.WriteInt(config.ThresholdHighAt(i));
                }
            }

            WriteOptional(writer, batch, KeyMaxBatchBytes, config.MaxBatchBytes);
            return writer.Position - start;
        }

        /// <summary>Reads one whole configuration into <paramref name="into"/>, which is reset to the defaults first.</summary>
        /// <exception cref="WireFormatException">Not a well-formed configuration, an unknown field, or a value out of range; the reason says which.</exception>
        public static void Decode(CborReader reader, DeviceConfig into)
        {
            into.Reset();
            int at = reader.Offset;
            int count = FieldReader.DefiniteMap(reader, "config");
            ulong seen = 0;
            for (int i = 0; i < count; i++)
            {
                switch (FieldReader.Key(reader, ref seen, KeyMaxBatchBytes, "config"))
                {
                    case 0: FieldReader.Format(reader, "config"); break;
                    case KeyVersion: into.Version = FieldReader.UInt(reader, 0, long.MaxValue, "config version"); break;
                    case KeySampleIntervals: ReadSampleIntervals(reader, into); break;
                    case KeyUplinkInterval: into.UplinkInterval = (int)FieldReader.UInt(reader, MinUplinkInterval, MaxUplinkInterval, "uplink interval"); break;
                    case KeyStateInterval: into.StateInterval = (int)FieldReader.UInt(reader, MinStateInterval, MaxStateInterval, "state interval"); break;
                    case KeyMode: into.Mode = (DeviceMode)(int)FieldReader.UInt(reader, 0, 2, "mode"); break;
                    case KeyThresholds: ReadThresholds(reader, into); break;
                    default: into.MaxBatchBytes = (int)FieldReader.UInt(reader, MinBatchBytes, MaxBatchBytes, "max batch bytes"); break;
                }
            }

            FieldReader.RequireFormat(seen, at, "config");
            if ((seen & (1UL << KeyVersion)) == 0)
            {
                throw new WireFormatException(WireError.MissingField, at, "config has no version (key 1)");
            }

            reader.ReadEndMap();
            reader.ExpectEnd();
        }

        private static void WriteOptional(CborWriter writer, bool present, int key, int value)
        {
            if (present)
            {
                writer.WriteUInt((ulong)key);
                writer.WriteUInt((ulong)value);
            }
        }

        private static void ReadSampleIntervals(CborReader reader, DeviceConfig into)
        {
            int count = SensorMap(reader, "sample intervals");
            for (int i = 0; i < count; i++)
            {
                int sensor = UniqueSensor(reader, into.SampleCount, into, true);
                into.SetSampleInterval(sensor, (int)FieldReader.UInt(reader, 0, MaxSampleInterval, "sample interval of " + SensorKind.Name(sensor)));
            }

            reader.ReadEndMap();
        }

        private static void ReadThresholds(CborReader reader, DeviceConfig into)
        {
            int count = SensorMap(reader, "thresholds");
            for (int i = 0; i < count; i++)
            {
                int sensorAt = reader.Offset;
                int sensor = UniqueSensor(reader, into.ThresholdCount, into, false);
                if (SensorKind.Dimensions(sensor) != 1)
                {
                    throw new WireFormatException(WireError.ValueOutOfRange, sensorAt, "thresholds apply to one-value sensors, not " + SensorKind.Name(sensor));
                }

                int pairAt = reader.Offset;
                if (FieldReader.DefiniteArray(reader, "threshold") != 2)
                {
                    throw new WireFormatException(WireError.InvalidStructure, pairAt, "a threshold is [low, high]");
                }

                int low = reader.ReadInt32();
                int high = reader.ReadInt32();
                if (low > high)
                {
                    throw new WireFormatException(WireError.ValueOutOfRange, pairAt, "threshold of " + SensorKind.Name(sensor) + " has low above high");
                }

                reader.ReadEndArray();
                into.SetThreshold(sensor, low, high);
            }

            reader.ReadEndMap();
        }

        private static int SensorMap(CborReader reader, string what)
        {
            int at = reader.Offset;
            int count = FieldReader.DefiniteMap(reader, what);
            if (count < 1 || count > DeviceConfig.MaxSensors)
            {
                throw new WireFormatException(WireError.TooManyItems, at, what + " list 1.." + DeviceConfig.MaxSensors.ToString() + " sensors");
            }

            return count;
        }

        private static int UniqueSensor(CborReader reader, int count, DeviceConfig config, bool samples)
        {
            int at = reader.Offset;
            int sensor = FieldReader.SensorId(reader);
            for (int i = 0; i < count; i++)
            {
                if ((samples ? config.SampleSensorAt(i) : config.ThresholdSensorAt(i)) == sensor)
                {
                    throw new WireFormatException(WireError.DuplicateKey, at, SensorKind.Name(sensor) + " appears twice");
                }
            }

            return sensor;
        }
    }
}
