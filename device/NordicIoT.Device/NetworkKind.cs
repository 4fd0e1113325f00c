namespace NordicIoT.Device
{
    /// <summary>The link a device uplinks over, as state key 13 reports it.</summary>
    public enum NetworkKind
    {
        /// <summary>Wi-Fi.</summary>
        WiFi = 0,

        /// <summary>LTE-M (Cat-M1) modem.</summary>
        LteM = 1,

        /// <summary>NB-IoT modem.</summary>
        NbIot = 2,
    }
}
