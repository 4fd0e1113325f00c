namespace NordicIoT.Device.Ota.Crypto
{
    /// <summary>A curve point in Jacobian coordinates, (X, Y, Z) standing for (X/Z^2, Y/Z^3); Z = 0 is the point at infinity.</summary>
    /// <remarks>Jacobian coordinates let additions and doublings run without a field inversion each.</remarks>
    public sealed class JacobianPoint
    {
        /// <summary>The X coordinate.</summary>
        public readonly uint[] X = new uint[UInt256.Limbs];

        /// <summary>The Y coordinate.</summary>
        public readonly uint[] Y = new uint[UInt256.Limbs];

        /// <summary>The Z coordinate.</summary>
        public readonly uint[] Z = new uint[UInt256.Limbs];

        /// <summary>Whether this is the point at infinity (the group's neutral element).</summary>
        public bool IsInfinity
        {
            get { return UInt256.IsZero(Z); }
        }

        /// <summary>Makes this the point at infinity.</summary>
        public void SetInfinity()
        {
            UInt256.Set(X, 1);
            UInt256.Set(Y, 1);
            UInt256.Set(Z, 0);
        }

        /// <summary>Makes this the affine point <paramref name="point"/> (Z = 1).</summary>
        public void SetAffine(AffinePoint point)
        {
            UInt256.Copy(point.X, X);
            UInt256.Copy(point.Y, Y);
            UInt256.Set(Z, 1);
        }

        /// <summary>Makes this a copy of <paramref name="point"/>.</summary>
        public void SetPoint(JacobianPoint point)
        {
            UInt256.Copy(point.X, X);
            UInt256.Copy(point.Y, Y);
            UInt256.Copy(point.Z, Z);
        }
    }
}
