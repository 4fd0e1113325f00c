namespace NordicIoT.Schemas.Messages
{
    /// <summary>Where the device is with a firmware rollout (state key 11).</summary>
    public sealed class OtaProgress
    {
        /// <summary>Rollout the progress belongs to.</summary>
        public long RolloutId { get; set; }

        /// <summary>Current step.</summary>
        public OtaStatus Status { get; set; }

        /// <summary>Download progress 0..100, or -1 when not reported.</summary>
        public int Percent { get; set; } = -1;

        /// <summary>Why it failed or was rejected; null when not reported.</summary>
        public string Reason { get; set; }

        /// <summary>Version being installed; null when not reported.</summary>
        public string Version { get; set; }
    }
}
