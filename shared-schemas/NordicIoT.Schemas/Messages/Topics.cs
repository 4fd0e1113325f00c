namespace NordicIoT.Schemas.Messages
{
    /// <summary>The MQTT topics of one device: short because the topic travels in every PUBLISH.</summary>
    public sealed class Topics
    {
        /// <summary>Most characters in a device id; ids are [A-Za-z0-9_-].</summary>
        public const int MaxDeviceIdLength = 64;

        /// <summary>Builds the topic strings once for a device id.</summary>
        public Topics(string deviceId)
        {
            if (!IsValidDeviceId(deviceId))
            {
                throw new System.ArgumentException("device id must be 1.." + MaxDeviceIdLength.ToString() + " characters of A-Z, a-z, 0-9, '_' or '-'");
            }

            DeviceId = deviceId;
            string root = "d/" + deviceId + "/";
            Batch = root + "b";
            State = root + "s";
            Config = root + "c";
            Offer = root + "f";
        }

        /// <summary>The device id.</summary>
        public string DeviceId { get; }

        /// <summary>Device to cloud: batches of readings.</summary>
        public string Batch { get; }

        /// <summary>Device to cloud: state reports.</summary>
        public string State { get; }

        /// <summary>Cloud to device, retained: configuration.</summary>
        public string Config { get; }

        /// <summary>Cloud to device, retained: firmware offer.</summary>
        public string Offer { get; }

        /// <summary>True for ids the topics and certificate names accept.</summary>
        public static bool IsValidDeviceId(string deviceId)
        {
            if (deviceId == null || deviceId.Length == 0 || deviceId.Length > MaxDeviceIdLength)
            {
                return false;
            }

            for (int i = 0; i < deviceId.Length; i++)
            {
                char c = deviceId[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Splits a device topic "d/{id}/{kind}" into its id and kind letter; false for any other topic.</summary>
        public static bool TryParse(string topic, out string deviceId, out char kind)
        {
            deviceId = null;
            kind = ' ';
            if (topic == null || topic.Length < 5 || topic[0] != 'd' || topic[1] != '/' || topic[topic.Length - 2] != '/')
            {
                return false;
            }

            string id = topic.Substring(2, topic.Length - 4);
            if (!IsValidDeviceId(id))
            {
                return false;
            }

            deviceId = id;
            kind = topic[topic.Length - 1];
            return true;
        }
    }
}
