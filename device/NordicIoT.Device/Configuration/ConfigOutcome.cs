namespace NordicIoT.Device.Configuration
{
    /// <summary>What became of one received configuration.</summary>
    public enum ConfigOutcome
    {
        /// <summary>The configuration already in effect (the retained copy arrives on every connect).</summary>
        Unchanged,

        /// <summary>Validated, stored in flash and in effect.</summary>
        Applied,

        /// <summary>Refused with a reason; the previous configuration stays in effect.</summary>
        Rejected,
    }
}
