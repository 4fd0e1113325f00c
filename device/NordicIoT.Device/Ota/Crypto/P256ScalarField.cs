namespace NordicIoT.Device.Ota.Crypto
{
    /// <summary>Arithmetic modulo n, the order of the P-256 base point: the field of ECDSA's r, s and hash values.</summary>
    /// <remarks>
    /// A verification needs one inversion and two products mod n, against thousands of operations mod p, so the
    /// product here is plain shift-and-add: short, and a few percent of the verify time at most.
    /// </remarks>
    public sealed class P256ScalarField : PrimeField
    {
        /// <summary>The group order n, least significant limb first (read only by convention: the array is shared).</summary>
        public static readonly uint[] Order =
        {
            0xFC632551, 0xF3B9CAC2, 0xA7179E84, 0xBCE6FAAD, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000, 0xFFFFFFFF,
        };

        private readonly uint[] _product = new uint[UInt256.Limbs];

        /// <summary>A field with its own scratch values (one per verifier; not shared between threads).</summary>
        public P256ScalarField()
            : base(Order)
        {
        }

        /// <summary><paramref name="result"/> = <paramref name="a"/> * <paramref name="b"/> mod n, for any 256-bit <paramref name="a"/> (only its bits are read) and <paramref name="b"/> below n.</summary>
        public void Multiply(uint[] a, uint[] b, uint[] result)
        {
            uint[] product = _product;
            UInt256.Set(product, 0);
            for (int bit = 255; bit >= 0; bit--)
            {
                Add(product, product, product);
                if (((a[bit >> 5] >> (bit & 31)) & 1) != 0)
                {
                    Add(product, b, product);
                }
            }

            UInt256.Copy(product, result);
        }
    }
}
