using System;
using NordicIoT.Device.Ota;
using NordicIoT.Device.Platform;
using NordicIoT.Device.Transport;

namespace NordicIoT.Device
{
    /// <summary>The platform parts a <see cref="DeviceRuntime"/> runs on: the board's drivers, or host implementations in tests and the simulator.</summary>
    public sealed class DevicePlatform
    {
        /// <summary>Wall time and uptime.</summary>
        public IClock Clock { get; set; }

        /// <summary>The sensors on the board, one per sensor id.</summary>
        public ISensor[] Sensors { get; set; }

        /// <summary>Flash for the reading buffer and the configuration.</summary>
        public IFileStorage Storage { get; set; }

        /// <summary>The MQTT session to the broker.</summary>
        public IMqttTransport Transport { get; set; }

        /// <summary>Free memory and reboot.</summary>
        public ISystemControl SystemControl { get; set; }

        /// <summary>Jitter for reconnect backoff.</summary>
        public IRandomSource Random { get; set; }

        /// <summary>Where firmware offers go; null ignores them, unless <see cref="Downloads"/> is set.</summary>
        public IOfferHandler OfferHandler { get; set; }

        /// <summary>Ranged HTTP(S) downloads: when set, the runtime runs its own <see cref="OtaAgent"/> for offers (leave <see cref="OfferHandler"/> null).</summary>
        public IHttpRangeClient Downloads { get; set; }

        /// <summary>Throws an ArgumentException naming the first required part that is missing.</summary>
        public void Validate()
        {
            Require(Clock, "Clock");
            Require(Sensors, "Sensors");
            Require(Storage, "Storage");
            Require(Transport, "Transport");
            Require(SystemControl, "SystemControl");
            Require(Random, "Random");
            if (OfferHandler != null && Downloads != null)
            {
                throw new ArgumentException("DevicePlatform.OfferHandler and DevicePlatform.Downloads exclude each other: with Downloads the runtime's OTA agent takes the offers");
            }
        }

        private static void Require(object part, string name)
        {
            if (part == null)
            {
                throw new ArgumentException("DevicePlatform." + name + " is required");
            }
        }
    }
}
