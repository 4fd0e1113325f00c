namespace NordicIoT.Schemas.Messages
{
    /// <summary>What a firmware release contains; the release signing key signs its encoded bytes.</summary>
    public sealed class FirmwareManifest
    {
        /// <summary>Creates a manifest.</summary>
        public FirmwareManifest(string version, string[] targets, FirmwareFile[] files, bool allowDowngrade)
        {
            Version = version;
            Targets = targets;
            Files = files;
            AllowDowngrade = allowDowngrade;
        }

        /// <summary>Application version, semantic version.</summary>
        public string Version { get; }

        /// <summary>Board targets the release runs on.</summary>
        public string[] Targets { get; }

        /// <summary>The application files.</summary>
        public FirmwareFile[] Files { get; }

        /// <summary>True when the release may replace a newer version.</summary>
        public bool AllowDowngrade { get; }
    }
}
