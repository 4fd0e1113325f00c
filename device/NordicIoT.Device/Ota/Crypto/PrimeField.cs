using System;

namespace NordicIoT.Device.Ota.Crypto
{
    /// <summary>Addition, subtraction and inversion modulo an odd prime below 2^256; subclasses add a multiplication suited to their modulus.</summary>
    /// <remarks>
    /// Operands are fully reduced (0 &lt;= x &lt; modulus) eight-limb values (see <see cref="UInt256"/>), and a result may be
    /// the same array as an operand. The scratch values are allocated once, so no operation allocates; the same
    /// scratch makes an instance unsafe to share between threads. The operation counters feed the device-time estimate.
    /// </remarks>
    public abstract class PrimeField
    {
        private readonly uint[] _modulus;
        private readonly uint[] _u = new uint[UInt256.Limbs];
        private readonly uint[] _v = new uint[UInt256.Limbs];
        private readonly uint[] _x1 = new uint[UInt256.Limbs];
        private readonly uint[] _x2 = new uint[UInt256.Limbs];

        private int _additions;
        private int _inversions;

        /// <summary>A field modulo <paramref name="modulus"/>, which must be an odd prime (the array is kept, not copied).</summary>
        protected PrimeField(uint[] modulus)
        {
            _modulus = modulus;
        }

        /// <summary>The modulus (read only by convention: the array is shared).</summary>
        public uint[] Modulus
        {
            get { return _modulus; }
        }

        /// <summary>Additions and subtractions since the last <see cref="ResetCounts"/>.</summary>
        public int Additions
        {
            get { return _additions; }
        }

        /// <summary>Inversions since the last <see cref="ResetCounts"/>.</summary>
        public int Inversions
        {
            get { return _inversions; }
        }

        /// <summary>Sets the operation counters to zero.</summary>
        public virtual void ResetCounts()
        {
            _additions = 0;
            _inversions = 0;
        }

        /// <summary><paramref name="result"/> = <paramref name="a"/> + <paramref name="b"/> mod the modulus.</summary>
        public void Add(uint[] a, uint[] b, uint[] result)
        {
            _additions++;
            uint carry = UInt256.Add(a, b, result);
            if (carry != 0 || UInt256.Compare(result, _modulus) >= 0)
            {
                UInt256.Subtract(result, _modulus, result);
            }
        }

        /// <summary><paramref name="result"/> = <paramref name="a"/> - <paramref name="b"/> mod the modulus.</summary>
        public void Subtract(uint[] a, uint[] b, uint[] result)
        {
            _additions++;
            SubtractModulo(a, b, result);
        }

        /// <summary><paramref name="result"/> = -<paramref name="a"/> mod the modulus.</summary>
        public void Negate(uint[] a, uint[] result)
        {
            if (UInt256.IsZero(a))
            {
                UInt256.Set(result, 0);
                return;
            }

            _additions++;
            UInt256.Subtract(_modulus, a, result);
        }

        /// <summary><paramref name="result"/> = 1 / <paramref name="a"/> mod the modulus; <paramref name="a"/> must be in [1, modulus).</summary>
        /// <remarks>
        /// Binary extended Euclid (Guide to Elliptic Curve Cryptography, algorithm 2.22): only shifts, additions and
        /// subtractions, which in interpreted IL cost far less than the ~256 squarings of a Fermat inversion.
        /// </remarks>
        public void Invert(uint[] a, uint[] result)
        {
            if (UInt256.IsZero(a) || UInt256.Compare(a, _modulus) >= 0)
            {
                throw new ArgumentException(UInt256.IsZero(a) ? "zero has no inverse" : "the value to invert is not reduced below the modulus");
            }

            _inversions++;
            UInt256.Copy(a, _u);
            UInt256.Copy(_modulus, _v);
            UInt256.Set(_x1, 1);
            UInt256.Set(_x2, 0);

            // Invariants: x1 * a = u and x2 * a = v (mod m); u and v stay positive and their gcd stays 1.
            while (!IsOne(_u) && !IsOne(_v))
            {
                while ((_u[0] & 1) == 0)
                {
                    UInt256.ShiftRightOne(_u, 0);
                    Halve(_x1);
                }

                while ((_v[0] & 1) == 0)
                {
                    UInt256.ShiftRightOne(_v, 0);
                    Halve(_x2);
                }

                if (UInt256.Compare(_u, _v) >= 0)
                {
                    UInt256.Subtract(_u, _v, _u);
                    SubtractModulo(_x1, _x2, _x1);
                }
                else
                {
                    UInt256.Subtract(_v, _u, _v);
                    SubtractModulo(_x2, _x1, _x2);
                }
            }

            UInt256.Copy(IsOne(_u) ? _x1 : _x2, result);
        }

        private void SubtractModulo(uint[] a, uint[] b, uint[] result)
        {
            if (UInt256.Subtract(a, b, result) != 0)
            {
                UInt256.Add(result, _modulus, result);
            }
        }

        /// <summary>x / 2 mod the odd modulus: x itself when even, (x + m) / 2 with the carry shifted back in when odd.</summary>
        private void Halve(uint[] x)
        {
            uint carry = 0;
            if ((x[0] & 1) != 0)
            {
                carry = UInt256.Add(x, _modulus, x);
            }

            UInt256.ShiftRightOne(x, carry);
        }

        private static bool IsOne(uint[] value)
        {
            return value[0] == 1 && (value[1] | value[2] | value[3] | value[4] | value[5] | value[6] | value[7]) == 0;
        }
    }
}
