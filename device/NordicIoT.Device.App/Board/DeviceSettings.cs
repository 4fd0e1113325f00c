using System;
using System.Collections;
using NordicIoT.Device.App.Boards;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.App.Board
{
    /// <summary>Who the device is and where it connects, from I:\device.json as `nordiciot provision` writes it.</summary>
    /// <remarks>
    /// The file is one JSON object: "deviceId" (text), "brokerHost" (text), "brokerPort" (whole number, default 8883)
    /// and "board" (a profile id from hardware/, default <see cref="BoardCatalog.DefaultId"/>). Other keys are ignored,
    /// so newer provisioning tools can add some.
    /// </remarks>
    public sealed class DeviceSettings
    {
        /// <summary>MQTT over TLS.</summary>
        public const int DefaultBrokerPort = 8883;

        private DeviceSettings(string deviceId, string brokerHost, int brokerPort, string board)
        {
            DeviceId = deviceId;
            BrokerHost = brokerHost;
            BrokerPort = brokerPort;
            BoardId = board;
        }

        /// <summary>Device id: MQTT client id, certificate CN and topic level.</summary>
        public string DeviceId { get; }

        /// <summary>Broker host name or IP address; it must match the broker certificate.</summary>
        public string BrokerHost { get; }

        /// <summary>Broker TLS port.</summary>
        public int BrokerPort { get; }

        /// <summary>Board profile id.</summary>
        public string BoardId { get; }

        /// <summary>Reads and checks <see cref="ProvisionedFiles.Settings"/>.</summary>
        public static DeviceSettings Load()
        {
            return Parse(ProvisionedFiles.ReadText(ProvisionedFiles.Settings), ProvisionedFiles.Settings);
        }

        /// <summary>Settings from the JSON text of <paramref name="source"/>; throws an ArgumentException naming the file and the field that is wrong.</summary>
        public static DeviceSettings Parse(string json, string source)
        {
            Hashtable fields;
            try
            {
                fields = FlatJson.Parse(json);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException(source + " is " + e.Message);
            }

            string deviceId = RequiredText(fields, "deviceId", source);
            if (!Topics.IsValidDeviceId(deviceId))
            {
                throw new ArgumentException(source + ": deviceId \"" + deviceId + "\" must be 1.." + Topics.MaxDeviceIdLength.ToString() + " characters of A-Z, a-z, 0-9, '_' or '-'");
            }

            string brokerHost = RequiredText(fields, "brokerHost", source);
            int brokerPort = DefaultBrokerPort;
            if (fields.Contains("brokerPort"))
            {
                var port = fields["brokerPort"];
                if (!(port is long) || (long)port < 1 || (long)port > 65535)
                {
                    throw new ArgumentException(source + ": brokerPort must be a whole number 1..65535");
                }

                brokerPort = (int)(long)port;
            }

            string board = fields.Contains("board") ? RequiredText(fields, "board", source) : BoardCatalog.DefaultId;
            return new DeviceSettings(deviceId, brokerHost, brokerPort, board);
        }

        private static string RequiredText(Hashtable fields, string key, string source)
        {
            var value = fields[key];
            if (!(value is string) || ((string)value).Length == 0)
            {
                throw new ArgumentException(source + ": " + key + " must be a non-empty string");
            }

            return (string)value;
        }
    }
}
