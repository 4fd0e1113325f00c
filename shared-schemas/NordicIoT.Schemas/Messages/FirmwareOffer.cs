namespace NordicIoT.Schemas.Messages
{
    /// <summary>The cloud's offer of a firmware release to one device (retained on d/{id}/f).</summary>
    public sealed class FirmwareOffer
    {
        /// <summary>Length of an ECDSA P-256 signature as r || s.</summary>
        public const int SignatureLength = 64;

        /// <summary>Creates an offer.</summary>
        public FirmwareOffer(long rolloutId, byte[] manifest, byte[] signature, string baseUrl, string token)
        {
            RolloutId = rolloutId;
            Manifest = manifest;
            Signature = signature;
            BaseUrl = baseUrl;
            Token = token;
        }

        /// <summary>Rollout id; a device takes a rollout at most once.</summary>
        public long RolloutId { get; }

        /// <summary>The encoded manifest exactly as signed (decode with <see cref="FirmwareManifestCodec"/>).</summary>
        public byte[] Manifest { get; }

        /// <summary>ECDSA P-256 / SHA-256 signature over <see cref="Manifest"/>, r || s.</summary>
        public byte[] Signature { get; }

        /// <summary>Download base URL; a file is at BaseUrl + its name.</summary>
        public string BaseUrl { get; }

        /// <summary>Short-lived bearer token for the download.</summary>
        public string Token { get; }
    }
}
