namespace NordicIoT.Device.Ota
{
    /// <summary>What the OTA agent is doing.</summary>
    public enum OtaPhase
    {
        /// <summary>No update in hand; offers are checked as they come.</summary>
        Idle,

        /// <summary>Fetching (or after a reboot re-hashing) the release's files, one fragment per step.</summary>
        Downloading,

        /// <summary>Every file matched; VERIFIED is being reported before the switch is prepared.</summary>
        Verified,

        /// <summary>The set record and the next-set marker are written; INSTALLING is being reported.</summary>
        Installing,

        /// <summary>REBOOTING is being reported; the device restarts once it was acknowledged or the wait ran out.</summary>
        Rebooting,

        /// <summary>The reboot was asked for; nothing more happens in this run.</summary>
        Rebooted,

        /// <summary>The new application runs on trial and must be connected with a report acknowledged before its deadline.</summary>
        Confirming,
    }
}
