namespace NordicIoT.Schemas.Messages
{
    /// <summary>A device state report: any subset of the fields in <see cref="StateField"/>, tracked in <see cref="Present"/>.</summary>
    /// <remarks>Setting a property marks its field present; a partial report encodes only present fields.</remarks>
    public sealed class StateReport
    {
        private long _time;
        private string _firmwareVersion;
        private string _board;
        private long _uptime;
        private long _freeHeap;
        private long _buffered;
        private int _bufferFill;
        private long _dropped;
        private long _configVersion;
        private long _rejectedConfigVersion;
        private string _rejectionReason;
        private OtaProgress _ota;
        private int _network;

        /// <summary>Creates an empty report with room for the latest values of up to 8 sensors.</summary>
        public StateReport()
        {
            Latest = new ReadingBatch(8, 8 * SensorKind.MaxDimensions);
        }

        /// <summary>Bit <c>1 &lt;&lt; key</c> is set for every field present.</summary>
        public int Present { get; private set; }

        /// <summary>True when the field with this key is present.</summary>
        public bool Has(int field)
        {
            return (Present & (1 << field)) != 0;
        }

        /// <summary>Marks every field absent and forgets latest values.</summary>
        public void Clear()
        {
            Present = 0;
            Latest.Clear();
        }

        /// <summary>Marks one field absent.</summary>
        public void Remove(int field)
        {
            Present &= ~(1 << field);
            if (field == StateField.Latest)
            {
                Latest.Clear();
            }
        }

        /// <summary>Time of the report, Unix seconds.</summary>
        public long Time { get { return _time; } set { _time = value; Mark(StateField.Time); } }

        /// <summary>Firmware (application) version.</summary>
        public string FirmwareVersion { get { return _firmwareVersion; } set { _firmwareVersion = value; Mark(StateField.FirmwareVersion); } }

        /// <summary>Board target, e.g. ESP32_PSRAM_REV3.</summary>
        public string Board { get { return _board; } set { _board = value; Mark(StateField.Board); } }

        /// <summary>Seconds since boot.</summary>
        public long Uptime { get { return _uptime; } set { _uptime = value; Mark(StateField.Uptime); } }

        /// <summary>Free managed heap, bytes.</summary>
        public long FreeHeap { get { return _freeHeap; } set { _freeHeap = value; Mark(StateField.FreeHeap); } }

        /// <summary>Readings waiting in the flash buffer.</summary>
        public long Buffered { get { return _buffered; } set { _buffered = value; Mark(StateField.Buffered); } }

        /// <summary>Flash buffer fill, percent.</summary>
        public int BufferFill { get { return _bufferFill; } set { _bufferFill = value; Mark(StateField.BufferFill); } }

        /// <summary>Readings dropped because the buffer was full, since install.</summary>
        public long Dropped { get { return _dropped; } set { _dropped = value; Mark(StateField.Dropped); } }

        /// <summary>Version of the configuration in effect.</summary>
        public long ConfigVersion { get { return _configVersion; } set { _configVersion = value; Mark(StateField.ConfigVersion); } }

        /// <summary>Version of the last configuration refused (with <see cref="RejectionReason"/>).</summary>
        public long RejectedConfigVersion { get { return _rejectedConfigVersion; } }

        /// <summary>Why the last configuration was refused.</summary>
        public string RejectionReason { get { return _rejectionReason; } }

        /// <summary>Firmware update progress.</summary>
        public OtaProgress Ota { get { return _ota; } set { _ota = value; Mark(StateField.Ota); } }

        /// <summary>Network link: 0 Wi-Fi, 1 LTE-M, 2 NB-IoT.</summary>
        public int Network { get { return _network; } set { _network = value; Mark(StateField.Network); } }

        /// <summary>Latest sensor values (key 12); present when it holds at least one reading.</summary>
        public ReadingBatch Latest { get; }

        /// <summary>Records a refused configuration.</summary>
        public void SetConfigRejection(long version, string reason)
        {
            _rejectedConfigVersion = version;
            _rejectionReason = reason;
            Mark(StateField.ConfigRejection);
        }

        /// <summary>Adds a latest value of a one-value sensor.</summary>
        public void SetLatest(int sensor, int value)
        {
            Latest.Add(sensor, 0, value);
            Mark(StateField.Latest);
        }

        /// <summary>Adds a latest value of any sensor from <paramref name="values"/>[offset ..].</summary>
        public void SetLatest(int sensor, int[] values, int offset)
        {
            Latest.Add(sensor, 0, values, offset);
            Mark(StateField.Latest);
        }

        /// <summary>Marks the latest-values field present after filling <see cref="Latest"/> directly.</summary>
        internal void MarkLatest()
        {
            Mark(StateField.Latest);
        }

        private void Mark(int field)
        {
            Present |= 1 << field;
        }
    }
}
