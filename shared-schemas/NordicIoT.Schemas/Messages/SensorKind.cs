namespace NordicIoT.Schemas.Messages
{
    /// <summary>The sensor ids of the wire format and how many fixed-point values a reading of each carries.</summary>
    public static class SensorKind
    {
        /// <summary>0.01 °C.</summary>
        public const int Temperature = 1;

        /// <summary>0.01 %RH.</summary>
        public const int Humidity = 2;

        /// <summary>Pa.</summary>
        public const int Pressure = 3;

        /// <summary>mV.</summary>
        public const int Battery = 4;

        /// <summary>dBm.</summary>
        public const int Signal = 5;

        /// <summary>Six values: latitude and longitude in 1e-6°, accuracy and altitude in 0.1 m, speed in 0.01 m/s, heading in 0.1°.</summary>
        public const int Gps = 6;

        /// <summary>Lowest id an application may give its own one-value sensors.</summary>
        public const int FirstApplicationSensor = 32;

        /// <summary>Highest sensor id.</summary>
        public const int MaxSensorId = 255;

        /// <summary>Values per GPS reading.</summary>
        public const int GpsDimensions = 6;

        /// <summary>Most values any reading carries.</summary>
        public const int MaxDimensions = GpsDimensions;

        /// <summary>True for the ids the format defines or leaves to applications.</summary>
        public static bool IsValid(int sensor)
        {
            return (sensor >= Temperature && sensor <= Gps) || (sensor >= FirstApplicationSensor && sensor <= MaxSensorId);
        }

        /// <summary>Values per reading of a valid sensor id.</summary>
        public static int Dimensions(int sensor)
        {
            return sensor == Gps ? GpsDimensions : 1;
        }

        /// <summary>A short name for people and exports ("temperature"), or "sensor-N" for application sensors.</summary>
        public static string Name(int sensor)
        {
            switch (sensor)
            {
                case Temperature: return "temperature";
                case Humidity: return "humidity";
                case Pressure: return "pressure";
                case Battery: return "battery";
                case Signal: return "signal";
                case Gps: return "gps";
                default: return "sensor-" + sensor.ToString();
            }
        }
    }
}
