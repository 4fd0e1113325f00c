namespace NordicIoT.Schemas.Messages
{
    /// <summary>The configuration the cloud owns for one device (see nordiciot.cddl), with the format's defaults.</summary>
    public sealed class DeviceConfig
    {
        /// <summary>Most sensors a configuration can list.</summary>
        public const int MaxSensors = 16;

        /// <summary>Default seconds between samples of the default sensors.</summary>
        public const int DefaultSampleInterval = 60;

        /// <summary>Default seconds between uplinks.</summary>
        public const int DefaultUplinkInterval = 900;

        /// <summary>Default seconds between full state reports.</summary>
        public const int DefaultStateInterval = 86400;

        /// <summary>Default largest batch payload, bytes.</summary>
        public const int DefaultMaxBatchBytes = 1024;

        private readonly int[] _sampleSensors = new int[MaxSensors];
        private readonly int[] _sampleIntervals = new int[MaxSensors];
        private readonly int[] _thresholdSensors = new int[MaxSensors];
        private readonly int[] _thresholdLows = new int[MaxSensors];
        private readonly int[] _thresholdHighs = new int[MaxSensors];

        /// <summary>Creates the default configuration (version 0).</summary>
        public DeviceConfig()
        {
            Reset();
        }

        /// <summary>Configuration version; increases with every change the cloud makes.</summary>
        public long Version { get; set; }

        /// <summary>Seconds between uplinks of buffered readings.</summary>
        public int UplinkInterval { get; set; }

        /// <summary>Seconds between full state reports.</summary>
        public int StateInterval { get; set; }

        /// <summary>Link use between uplinks.</summary>
        public DeviceMode Mode { get; set; }

        /// <summary>Largest batch payload, bytes.</summary>
        public int MaxBatchBytes { get; set; }

        /// <summary>True when the sample intervals were set explicitly (config key 2) rather than left at the defaults.</summary>
        public bool HasSampleIntervals { get; private set; }

        /// <summary>Sensors with an explicit sample interval.</summary>
        public int SampleCount { get; private set; }

        /// <summary>Sensors with a threshold.</summary>
        public int ThresholdCount { get; private set; }

        /// <summary>Back to the defaults: version 0, four sensors every minute, uplink every 15 minutes.</summary>
        public void Reset()
        {
            Version = 0;
            UplinkInterval = DefaultUplinkInterval;
            StateInterval = DefaultStateInterval;
            Mode = DeviceMode.Normal;
            MaxBatchBytes = DefaultMaxBatchBytes;
            HasSampleIntervals = false;
            SampleCount = 0;
            ThresholdCount = 0;
        }

        /// <summary>Seconds between samples of <paramref name="sensor"/>; 0 when it is disabled.</summary>
        public int SampleInterval(int sensor)
        {
            if (!HasSampleIntervals)
            {
                bool byDefault = sensor == SensorKind.Temperature || sensor == SensorKind.Humidity
                    || sensor == SensorKind.Pressure || sensor == SensorKind.Battery;
                return byDefault ? DefaultSampleInterval : 0;
            }

            int index = IndexOf(_sampleSensors, SampleCount, sensor);
            return index < 0 ? 0 : _sampleIntervals[index];
        }

        /// <summary>Sets an explicit sample interval; from the first call on, sensors not set are disabled.</summary>
        public void SetSampleInterval(int sensor, int seconds)
        {
            HasSampleIntervals = true;
            int index = IndexOf(_sampleSensors, SampleCount, sensor);
            if (index < 0)
            {
                CheckRoom(SampleCount);
                index = SampleCount++;
                _sampleSensors[index] = sensor;
            }

            _sampleIntervals[index] = seconds;
        }

        /// <summary>Sensor of the explicit sample interval at <paramref name="index"/>.</summary>
        public int SampleSensorAt(int index)
        {
            return _sampleSensors[index];
        }

        /// <summary>Sets the range outside which a reading is sent at once.</summary>
        public void SetThreshold(int sensor, int low, int high)
        {
            int index = IndexOf(_thresholdSensors, ThresholdCount, sensor);
            if (index < 0)
            {
                CheckRoom(ThresholdCount);
                index = ThresholdCount++;
                _thresholdSensors[index] = sensor;
            }

            _thresholdLows[index] = low;
            _thresholdHighs[index] = high;
        }

        /// <summary>Sensor of the threshold at <paramref name="index"/>.</summary>
        public int ThresholdSensorAt(int index)
        {
            return _thresholdSensors[index];
        }

        /// <summary>Lower bound of the threshold at <paramref name="index"/>.</summary>
        public int ThresholdLowAt(int index)
        {
            return _thresholdLows[index];
        }

        /// <summary>Upper bound of the threshold at <paramref name="index"/>.</summary>
        public int ThresholdHighAt(int index)
        {
            return _thresholdHighs[index];
        }

        /// <summary>True when <paramref name="value"/> of a one-value <paramref name="sensor"/> lies outside its threshold range.</summary>
        public bool IsOutsideThreshold(int sensor, int value)
        {
            int index = IndexOf(_thresholdSensors, ThresholdCount, sensor);
            return index >= 0 && (value < _thresholdLows[index] || value > _thresholdHighs[index]);
        }

        /// <summary>Makes this configuration an exact copy of <paramref name="other"/>.</summary>
        public void CopyFrom(DeviceConfig other)
        {
            Version = other.Version;
            UplinkInterval = other.UplinkInterval;
            StateInterval = other.StateInterval;
            Mode = other.Mode;
            MaxBatchBytes = other.MaxBatchBytes;
            HasSampleIntervals = other.HasSampleIntervals;
            SampleCount = other.SampleCount;
            ThresholdCount = other.ThresholdCount;
            for (int i = 0; i < MaxSensors; i++)
            {
                _sampleSensors[i] = other._sampleSensors[i];
                _sampleIntervals[i] = other._sampleIntervals[i];
                _thresholdSensors[i] = other._thresholdSensors[i];
                _thresholdLows[i] = other._thresholdLows[i];
                _thresholdHighs[i] = other._thresholdHighs[i];
            }
        }

        private static void CheckRoom(int count)
        {
            if (count == MaxSensors)
            {
                throw new System.ArgumentException("a configuration lists at most " + MaxSensors.ToString() + " sensors");
            }
        }

        private static int IndexOf(int[] sensors, int count, int sensor)
        {
            for (int i = 0; i < count; i++)
            {
                if (sensors[i] == sensor)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
