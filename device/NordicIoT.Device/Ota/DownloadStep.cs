namespace NordicIoT.Device.Ota
{
    /// <summary>What one <see cref="StagedDownload.Step"/> came to.</summary>
    public enum DownloadStep
    {
        /// <summary>Bytes moved (fetched, or re-hashed after a reboot); call again.</summary>
        Working,

        /// <summary>Every file is staged whole and matched its size and SHA-256.</summary>
        Complete,

        /// <summary>The connection failed or dropped; nothing was lost, try again later.</summary>
        Interrupted,

        /// <summary>The download cannot succeed (hash mismatch, refused, no room); <see cref="StagedDownload.Problem"/> says why.</summary>
        Failed,
    }
}
