using System;

namespace NordicIoT.Device.Ota.Crypto
{
    /// <summary>Arithmetic modulo the P-256 prime p = 2^256 - 2^224 + 2^192 + 2^96 - 1, the field of the curve's coordinates.</summary>
    /// <remarks>
    /// Products are reduced with the NIST fast reduction (FIPS 186-4, D.2.3): the 512-bit product's 32-bit words are
    /// added and subtracted in nine fixed patterns, far cheaper in interpreted IL than a generic division or a
    /// Montgomery reduction. Operands must be below p; a result may be the same array as an operand.
    /// </remarks>
    public sealed class P256Field : PrimeField
    {
        private static readonly uint[] Prime =
        {
            0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000, 0x00000000, 0x00000000, 0x00000001, 0xFFFFFFFF,
        };

        private readonly uint[] _wide = new uint[2 * UInt256.Limbs];
        private int _multiplications;
        private int _squarings;

        /// <summary>A field with its own scratch values (one per verifier; not shared between threads).</summary>
        public P256Field()
            : base(Prime)
        {
        }

        /// <summary>Multiplications since the last <see cref="ResetCounts"/>.</summary>
        public int Multiplications
        {
            get { return _multiplications; }
        }

        /// <summary>Squarings since the last <see cref="ResetCounts"/>.</summary>
        public int Squarings
        {
            get { return _squarings; }
        }

        /// <inheritdoc/>
        public override void ResetCounts()
        {
            base.ResetCounts();
            _multiplications = 0;
            _squarings = 0;
        }

        /// <summary><paramref name="result"/> = <paramref name="a"/> * <paramref name="b"/> mod p.</summary>
        public void Multiply(uint[] a, uint[] b, uint[] result)
        {
            _multiplications++;
            uint[] t = _wide;
            Array.Clear(t, 0, UInt256.Limbs);
            for (int i = 0; i < UInt256.Limbs; i++)
            {
                // (2^32-1)^2 + 2 * (2^32-1) = 2^64-1: product, limb and carry always fit one ulong.
                ulong ai = a[i];
                ulong carry = 0;
                for (int j = 0; j < UInt256.Limbs; j++)
                {
                    carry += ai * b[j] + t[i + j];
                    t[i + j] = (uint)carry;
                    carry >>= 32;
                }

                t[i + UInt256.Limbs] = (uint)carry;
            }

            Reduce(t, result);
        }

        /// <summary><paramref name="result"/> = <paramref name="a"/>^2 mod p, with 36 limb products instead of 64.</summary>
        public void Square(uint[] a, uint[] result)
        {
            _squarings++;
            uint[] t = _wide;
            Array.Clear(t, 0, t.Length);

            // The products a[i] * a[j] with i < j, once each.
            for (int i = 0; i < UInt256.Limbs - 1; i++)
            {
                ulong ai = a[i];
                ulong carry = 0;
                for (int j = i + 1; j < UInt256.Limbs; j++)
                {
                    carry += ai * a[j] + t[i + j];
                    t[i + j] = (uint)carry;
                    carry >>= 32;
                }

                t[i + UInt256.Limbs] = (uint)carry;
            }

            // Twice those, plus the squares a[i]^2 on the diagonal; the total is a square below 2^512, so no carry out.
            ulong sum = 0;
            uint shiftedOut = 0;
            for (int i = 0; i < UInt256.Limbs; i++)
            {
                ulong diagonal = (ulong)a[i] * a[i];
                uint low = t[2 * i];
                uint high = t[2 * i + 1];
                sum += (ulong)((low << 1) | shiftedOut) + (uint)diagonal;
                t[2 * i] = (uint)sum;
                sum >>= 32;
                sum += (ulong)((high << 1) | (low >> 31)) + (diagonal >> 32);
                t[2 * i + 1] = (uint)sum;
                sum >>= 32;
                shiftedOut = high >> 31;
            }

            Reduce(t, result);
        }

        /// <summary>Reduces the 512-bit value <paramref name="c"/> modulo p into <paramref name="result"/>.</summary>
        private void Reduce(uint[] c, uint[] result)
        {
            long c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5], c6 = c[6], c7 = c[7];
            long c8 = c[8], c9 = c[9], c10 = c[10], c11 = c[11], c12 = c[12], c13 = c[13], c14 = c[14], c15 = c[15];

            // Column by column: s1 + 2 s2 + 2 s3 + s4 + s5 - d1 - d2 - d3 - d4 of FIPS 186-4 D.2.3, with a signed carry.
            long acc = c0 + c8 + c9 - c11 - c12 - c13 - c14;
            uint r0 = (uint)acc;
            acc >>= 32;
            acc += c1 + c9 + c10 - c12 - c13 - c14 - c15;
            uint r1 = (uint)acc;
            acc >>= 32;
            acc += c2 + c10 + c11 - c13 - c14 - c15;
            uint r2 = (uint)acc;
            acc >>= 32;
            acc += c3 + 2 * (c11 + c12) + c13 - c15 - c8 - c9;
            uint r3 = (uint)acc;
            acc >>= 32;
            acc += c4 + 2 * (c12 + c13) + c14 - c9 - c10;
            uint r4 = (uint)acc;
            acc >>= 32;
            acc += c5 + 2 * (c13 + c14) + c15 - c10 - c11;
            uint r5 = (uint)acc;
            acc >>= 32;
            acc += c6 + 3 * c14 + 2 * c15 + c13 - c8 - c9;
            uint r6 = (uint)acc;
            acc >>= 32;
            acc += c7 + 3 * c15 + c8 - c10 - c11 - c12 - c13;
            uint r7 = (uint)acc;
            acc >>= 32;

            // The carry k (between -4 and 6) stands for k * 2^256 = k * (2^224 - 2^192 - 2^96 + 1) mod p; folding it in
            // can carry once more, by one.
            while (acc != 0)
            {
                long k = acc;
                acc = r0 + k;
                r0 = (uint)acc;
                acc >>= 32;
                acc += r1;
                r1 = (uint)acc;
                acc >>= 32;
                acc += r2;
                r2 = (uint)acc;
                acc >>= 32;
                acc += r3 - k;
                r3 = (uint)acc;
                acc >>= 32;
                acc += r4;
                r4 = (uint)acc;
                acc >>= 32;
                acc += r5;
                r5 = (uint)acc;
                acc >>= 32;
                acc += r6 - k;
                r6 = (uint)acc;
                acc >>= 32;
                acc += r7 + k;
                r7 = (uint)acc;
                acc >>= 32;
            }

            result[0] = r0;
            result[1] = r1;
            result[2] = r2;
            result[3] = r3;
            result[4] = r4;
            result[5] = r5;
            result[6] = r6;
            result[7] = r7;

            // Below 2^256 < 2p now, so one subtraction is enough.
            if (UInt256.Compare(result, Prime) >= 0)
            {
                UInt256.Subtract(result, Prime, result);
            }
        }
    }
}
