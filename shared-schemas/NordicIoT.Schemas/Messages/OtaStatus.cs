namespace NordicIoT.Schemas.Messages
{
    /// <summary>Steps of a firmware update as the device reports them (state key 11).</summary>
    public enum OtaStatus
    {
        /// <summary>Image files are being fetched.</summary>
        Downloading = 1,

        /// <summary>All files are in the staging area.</summary>
        Downloaded = 2,

        /// <summary>Every file matched its SHA-256.</summary>
        Verified = 3,

        /// <summary>The loader is switching to the new application set.</summary>
        Installing = 4,

        /// <summary>The device is restarting into the new application.</summary>
        Rebooting = 5,

        /// <summary>The new application runs and confirmed its health.</summary>
        Succeeded = 6,

        /// <summary>The update failed; the previous application runs.</summary>
        Failed = 7,

        /// <summary>The device refused the offer before downloading (board, version, signature).</summary>
        Rejected = 8,
    }
}
