namespace NordicIoT.Schemas.Messages
{
    /// <summary>How the device uses its link between uplinks (config key 5).</summary>
    public enum DeviceMode
    {
        /// <summary>Stay connected between uplinks.</summary>
        Normal = 0,

        /// <summary>Disconnect between uplinks so the modem can sleep (PSM).</summary>
        PowerSave = 1,

        /// <summary>Uplink every reading as soon as it is taken.</summary>
        Live = 2,
    }
}
