namespace NordicIoT.Device.Ota.Crypto
{
    /// <summary>A finite curve point (x, y), coordinates mod p as eight-limb values; the arrays are allocated once and reused.</summary>
    public sealed class AffinePoint
    {
        /// <summary>The x coordinate.</summary>
        public readonly uint[] X = new uint[UInt256.Limbs];

        /// <summary>The y coordinate.</summary>
        public readonly uint[] Y = new uint[UInt256.Limbs];
    }
}
