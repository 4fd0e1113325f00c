using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Messages
{
    /// <summary>Writes and reads state reports (see nordiciot.cddl); only present fields travel.</summary>
    public static class StateReportCodec
    {
        private const int MaxVersionLength = 32;
        private const int MaxReasonLength = 120;

        /// <summary>Writes the present fields of <paramref name="report"/>; returns the bytes written.</summary>
        public static int Encode(StateReport report, CborWriter writer)
        {
            int start = writer.Position;
            int fields = 1;
            for (int key = 1; key <= StateField.Last; key++)
            {
                if (report.Has(key))
                {
                    fields++;
                }
            }

            writer.WriteMapHeader(fields);
            writer.WriteUInt(0);
            writer.WriteUInt(FieldReader.FormatVersion);
            for (int key = 1; key <= StateField.Last; key++)
            {
                if (report.Has(key))
                {
                    writer.WriteUInt((ulong)key);
                    WriteField(report, key, writer);
                }
            }

            return writer.Position - start;
        }

        /// <summary>Reads one whole state report into <paramref name="into"/>, which is cleared first.</summary>
        /// <exception cref="WireFormatException">Not a well-formed, valid state report.</exception>
        public static void Decode(CborReader reader, StateReport into)
        {
            into.Clear();
            int at = reader.Offset;
            int count = FieldReader.DefiniteMap(reader, "state");
            ulong seen = 0;
            for (int i = 0; i < count; i++)
            {
                int key = FieldReader.Key(reader, ref seen, StateField.Last, "state");
                ReadField(reader, key, into);
            }

            FieldReader.RequireFormat(seen, at, "state");
            reader.ReadEndMap();
            reader.ExpectEnd();
        }

        private static void WriteField(StateReport report, int key, CborWriter writer)
        {
            switch (key)
            {
                case StateField.Time: writer.WriteUInt((ulong)report.Time); break;
                case StateField.FirmwareVersion: writer.WriteText(report.FirmwareVersion); break;
                case StateField.Board: writer.WriteText(report.Board); break;
                case StateField.Uptime: writer.WriteUInt((ulong)report.Uptime); break;
                case StateField.FreeHeap: writer.WriteUInt((ulong)report.FreeHeap); break;
                case StateField.Buffered: writer.WriteUInt((ulong)report.Buffered); break;
                case StateField.BufferFill: writer.WriteUInt((ulong)report.BufferFill); break;
                case StateField.Dropped: writer.WriteUInt((ulong)report.Dropped); break;
                case StateField.ConfigVersion: writer.WriteUInt((ulong)report.ConfigVersion); break;
                case StateField.ConfigRejection:
                    writer.WriteArrayHeader(2);
                    writer.WriteUInt((ulong)report.RejectedConfigVersion);
                    writer.WriteText(report.RejectionReason);
                    break;
                case StateField.Ota: WriteOta(report.Ota, writer); break;
                case StateField.Latest: WriteLatest(report.Latest, writer); break;
                default: writer.WriteUInt((ulong)report.Network); break;
            }
        }

        private static void ReadField(CborReader reader, int key, StateReport into)
        {
            switch (key)
            {
                case 0: FieldReader.Format(reader, "state"); break;
                case StateField.Time: into.Time = FieldReader.UInt(reader, 0, 1L << 40, "state time"); break;
                case StateField.FirmwareVersion: into.FirmwareVersion = FieldReader.Text(reader, 1, MaxVersionLength, "firmware version"); break;
                case StateField.Board: into.Board = FieldReader.Text(reader, 1, MaxVersionLength, "board"); break;
                case StateField.Uptime: into.Uptime = FieldReader.UInt(reader, 0, long.MaxValue, "uptime"); break;
                case StateField.FreeHeap: into.FreeHeap = FieldReader.UInt(reader, 0, long.MaxValue, "free heap"); break;
                case StateField.Buffered: into.Buffered = FieldReader.UInt(reader, 0, long.MaxValue, "buffered readings"); break;
                case StateField.BufferFill: into.BufferFill = (int)FieldReader.UInt(reader, 0, 100, "buffer fill"); break;
                case StateField.Dropped: into.Dropped = FieldReader.UInt(reader, 0, long.MaxValue, "dropped readings"); break;
                case StateField.ConfigVersion: into.ConfigVersion = FieldReader.UInt(reader, 0, long.MaxValue, "config version"); break;
                case StateField.ConfigRejection: ReadRejection(reader, into); break;
                case StateField.Ota: into.Ota = ReadOta(reader); break;
                case StateField.Latest: ReadLatest(reader, into); break;
                default: into.Network = (int)FieldReader.UInt(reader, 0, 2, "network"); break;
            }
        }

        private static void ReadRejection(CborReader reader, StateReport into)
        {
            int at = reader.Offset;
            if (FieldReader.DefiniteArray(reader, "config rejection") != 2)
            {
                throw new WireFormatException(WireError.InvalidStructure, at, "config rejection is [version, reason]");
            }

            long version = FieldReader.UInt(reader, 0, long.MaxValue, "rejected config version");
            into.SetConfigRejection(version, FieldReader.Text(reader, 1, MaxReasonLength, "rejection reason"));
            reader.ReadEndArray();
        }

        private static void WriteOta(OtaProgress ota, CborWriter writer)
        {
            int fields = 2 + (ota.Percent >= 0 ? 1 : 0) + (ota.Reason != null ? 1 : 0) + (ota.Version != null ? 1 : 0);
            writer.WriteMapHeader(fields);
            writer.WriteUInt(1);
            writer.WriteUInt((ulong)ota.RolloutId);
            writer.WriteUInt(2);
            writer.WriteUInt((ulong)ota.Status);
            if (ota.Percent >= 0)
            {
                writer.WriteUInt(3);
                writer.WriteUInt((ulong)ota.Percent);
            }

            if (ota.Reason != null)
            {
                writer.WriteUInt(4);
                writer.WriteText(ota.Reason);
            }

            if (ota.Version != null)
            {
                writer.WriteUInt(5);
                writer.WriteText(ota.Version);
            }
        }

        private static OtaProgress ReadOta(CborReader reader)
        {
            int at = reader.Offset;
            int count = FieldReader.DefiniteMap(reader, "ota progress");
            OtaProgress ota = new OtaProgress();
            ulong seen = 0;
            for (int i = 0; i < count; i++)
            {
                switch (FieldReader.Key(reader, ref seen, 5, "ota progress"))
                {
                    case 1: ota.RolloutId = FieldReader.UInt(reader, 0, long.MaxValue, "rollout id"); break;
                    case 2: ota.Status = (OtaStatus)(int)FieldReader.UInt(reader, 1, 8, "ota status"); break;
                    case 3: ota.Percent = (int)FieldReader.UInt(reader, 0, 100, "ota percent"); break;
                    case 4: ota.Reason = FieldReader.Text(reader, 1, MaxReasonLength, "ota reason"); break;
                    case 5: ota.Version = FieldReader.Text(reader, 1, MaxVersionLength, "ota version"); break;
                    default: throw new WireFormatException(WireError.UnknownField, at, "ota progress has no field 0");
                }
            }

            if ((seen & 6UL) != 6UL)
            {
                throw new WireFormatException(WireError.MissingField, at, "ota progress needs rollout id (1) and status (2)");
            }

            reader.ReadEndMap();
            return ota;
        }

        private static void WriteLatest(ReadingBatch latest, CborWriter writer)
        {
            writer.WriteMapHeader(latest.Count);
            for (int i = 0; i < latest.Count; i++)
            {
                int sensor = latest.Sensors[i];
                writer.WriteUInt((ulong)sensor);
                int dims = SensorKind.Dimensions(sensor);
                int start = latest.ValueStarts[i];
                if (dims == 1)
                {
                    writer.WriteInt(latest.Values[start]);
                    continue;
                }

                writer.WriteArrayHeader(dims);
                for (int d = 0; d < dims; d++)
                {
                    writer.WriteInt(latest.Values[start + d]);
                }
            }
        }

        private static void ReadLatest(CborReader reader, StateReport into)
        {
            int at = reader.Offset;
            int count = FieldReader.DefiniteMap(reader, "latest values");
            ReadingBatch latest = into.Latest;
            if (count < 1 || count > latest.Capacity)
            {
                throw new WireFormatException(WireError.TooManyItems, at, "latest values hold 1.." + latest.Capacity.ToString() + " sensors");
            }

            for (int i = 0; i < count; i++)
            {
                int sensorAt = reader.Offset;
                int sensor = FieldReader.SensorId(reader);
                for (int k = 0; k < latest.Count; k++)
                {
                    if (latest.Sensors[k] == sensor)
                    {
                        throw new WireFormatException(WireError.DuplicateKey, sensorAt, "latest value of sensor " + sensor.ToString() + " appears twice");
                    }
                }

                int dims = SensorKind.Dimensions(sensor);
                int start = latest.Reserve(sensor, 0, dims);
                if (dims > 1)
                {
                    int arrayAt = reader.Offset;
                    if (FieldReader.DefiniteArray(reader, "latest value") != dims)
                    {
                        throw new WireFormatException(WireError.InvalidStructure, arrayAt, "sensor " + sensor.ToString() + " has " + dims.ToString() + " values");
                    }
                }

                for (int d = 0; d < dims; d++)
                {
                    latest.Values[start + d] = reader.ReadInt32();
                }

                if (dims > 1)
                {
                    reader.ReadEndArray();
                }
            }

            reader.ReadEndMap();
            into.MarkLatest();
        }
    }
}
