namespace NordicIoT.Device.Ota.Crypto
{
    /// <summary>Why <see cref="EcdsaP256Verifier"/> turned the last signature down.</summary>
    public enum SignatureRejection
    {
        /// <summary>Not rejected: the last signature was valid.</summary>
        None,

        /// <summary>The signature is not 64 bytes (r || s, 32 bytes each, big-endian: IEEE P1363).</summary>
        SignatureLength,

        /// <summary>The public key is neither 65 bytes starting 0x04 (uncompressed SEC 1) nor 64 bytes X || Y.</summary>
        PublicKeyFormat,

        /// <summary>The public key's coordinates are not below p or the point is not on P-256.</summary>
        PublicKeyNotOnCurve,

        /// <summary>r is zero or not below the group order n.</summary>
        ROutOfRange,

        /// <summary>s is zero or not below the group order n.</summary>
        SOutOfRange,

        /// <summary>Well-formed, but the signature does not match this hash and key.</summary>
        Mismatch,
    }
}
