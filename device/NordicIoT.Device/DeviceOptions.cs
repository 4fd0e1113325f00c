using System;
using NordicIoT.Device.Ota;
using NordicIoT.Device.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device
{
    /// <summary>What a device is and what its board can afford: identity, firmware, link, and memory/flash budgets.</summary>
    public sealed class DeviceOptions
    {
        /// <summary>Default readings one batch can carry; with 1-byte deltas this is what the default 1024-byte cap holds.</summary>
        public const int DefaultMaxReadingsPerBatch = 1024;

        /// <summary>Device id: MQTT client id, certificate CN and topic level.</summary>
        public string DeviceId { get; set; }

        /// <summary>Application version, semantic version ("1.4.2").</summary>
        public string FirmwareVersion { get; set; }

        /// <summary>Board target, e.g. ESP32_PSRAM_REV3.</summary>
        public string Board { get; set; }

        /// <summary>The link this board uplinks over.</summary>
        public NetworkKind Network { get; set; } = NetworkKind.WiFi;

        /// <summary>Flash the reading buffer may use, bytes.</summary>
        public int BufferCapacityBytes { get; set; } = ReadingBuffer.DefaultCapacityBytes;

        /// <summary>Largest batch this board builds (one buffer of this size is allocated); configurations asking for more are refused.</summary>
        public int MaxPayloadBytes { get; set; } = DeviceConfigCodec.MaxBatchBytes;

        /// <summary>Readings one batch can hold before it is encoded; each costs about 24 bytes of RAM (lower it on boards without PSRAM).</summary>
        public int MaxReadingsPerBatch { get; set; } = DefaultMaxReadingsPerBatch;

        /// <summary>Firmware updates: fragment size, flash reserve, health deadline (used when the platform has a download client).</summary>
        public OtaOptions Ota { get; set; } = new OtaOptions();

        /// <summary>Default MQTT keep-alive, seconds: AWS IoT's maximum, longer than the default 15-minute uplink, so a device that uplinks on time never sends a ping.</summary>
        public const int DefaultKeepAliveSeconds = 1200;

        /// <summary>MQTT keep-alive, seconds (30..1200, AWS IoT's range). Shorter finds a dead link sooner but pings cost bytes: at 60 s they were a third of a day's traffic.</summary>
        public int KeepAliveSeconds { get; set; } = DefaultKeepAliveSeconds;

        /// <summary>Throws an ArgumentException naming the first setting that is missing or out of range.</summary>
        public void Validate()
        {
            if (!Topics.IsValidDeviceId(DeviceId))
            {
                throw new ArgumentException("DeviceId must be 1.." + Topics.MaxDeviceIdLength.ToString() + " characters of A-Z, a-z, 0-9, '_' or '-'");
            }

            CheckText(FirmwareVersion, "FirmwareVersion");
            CheckText(Board, "Board");
            if (Network < NetworkKind.WiFi || Network > NetworkKind.NbIot)
            {
                throw new ArgumentException("Network must be WiFi, LteM or NbIot");
            }

            if (MaxPayloadBytes < DeviceConfigCodec.MinBatchBytes || MaxPayloadBytes > DeviceConfigCodec.MaxBatchBytes)
            {
                throw new ArgumentException("MaxPayloadBytes must be " + DeviceConfigCodec.MinBatchBytes.ToString() + ".." + DeviceConfigCodec.MaxBatchBytes.ToString());
            }

            if (MaxPayloadBytes < DeviceConfig.DefaultMaxBatchBytes)
            {
                throw new ArgumentException("MaxPayloadBytes must be at least the default batch cap " + DeviceConfig.DefaultMaxBatchBytes.ToString());
            }

            if (MaxReadingsPerBatch < 1)
            {
                throw new ArgumentException("MaxReadingsPerBatch must be at least 1");
            }

            if (BufferCapacityBytes < 1)
            {
                throw new ArgumentException("BufferCapacityBytes must be positive");
            }

            if (KeepAliveSeconds < 30 || KeepAliveSeconds > 1200)
            {
                throw new ArgumentException("KeepAliveSeconds must be 30..1200 (AWS IoT's range)");
            }

            if (Ota == null)
            {
                throw new ArgumentException("Ota must be set (the defaults are new OtaOptions())");
            }

            Ota.Validate();
        }

        // The state report carries these as text of 1..32 characters.
        private static void CheckText(string value, string name)
        {
            if (value == null || value.Length == 0 || value.Length > 32)
            {
                throw new ArgumentException(name + " must be 1..32 characters");
            }
        }
    }
}
