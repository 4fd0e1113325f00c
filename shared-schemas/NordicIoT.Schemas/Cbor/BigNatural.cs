using System;

namespace NordicIoT.Schemas.Cbor
{
    /// <summary>A small fixed-capacity unsigned big integer: just the operations exact float-to-decimal conversion needs.</summary>
    /// <remarks>
    /// 40 32-bit limbs (1280 bits) hold every intermediate of the shortest-digits search for doubles, whose largest
    /// values are about 2^1140 (2^1074 scaled for the smallest subnormal, times a few small factors).
    /// </remarks>
    internal sealed class BigNatural
    {
        private const int Capacity = 40;

        private readonly uint[] _limbs = new uint[Capacity];
        private int _length;

        internal void Set(ulong value)
        {
            _limbs[0] = (uint)value;
            _limbs[1] = (uint)(value >> 32);
            _length = _limbs[1] != 0 ? 2 : (_limbs[0] != 0 ? 1 : 0);
        }

        internal void CopyFrom(BigNatural other)
        {
            Array.Copy(other._limbs, _limbs, other._length);
            _length = other._length;
        }

        internal void ShiftLeft(int bits)
        {
            if (_length == 0)
            {
                return;
            }

            int limbShift = bits >> 5;
            int bitShift = bits & 31;
            int newLength = _length + limbShift + 1;
            EnsureCapacity(newLength);
            _limbs[newLength - 1] = 0;
            for (int i = _length - 1; i >= 0; i--)
            {
                uint limb = _limbs[i];
                if (bitShift != 0)
                {
                    _limbs[i + limbShift + 1] |= limb >> (32 - bitShift);
                }

                _limbs[i + limbShift] = limb << bitShift;
            }

            for (int i = 0; i < limbShift; i++)
            {
                _limbs[i] = 0;
            }

            _length = newLength;
            Trim();
        }

        internal void Multiply(uint factor)
        {
            ulong carry = 0;
            for (int i = 0; i < _length; i++)
            {
                ulong product = ((ulong)_limbs[i] * factor) + carry;
                _limbs[i] = (uint)product;
                carry = product >> 32;
            }

            if (carry != 0)
            {
                EnsureCapacity(_length + 1);
                _limbs[_length++] = (uint)carry;
            }
        }

        internal void MultiplyByPowerOf10(int exponent)
        {
            while (exponent >= 9)
            {
                Multiply(1000000000);
                exponent -= 9;
            }

            uint factor = 1;
            while (exponent-- > 0)
            {
                factor *= 10;
            }

            Multiply(factor);
        }

        internal void Add(BigNatural other)
        {
            int length = _length > other._length ? _length : other._length;
            EnsureCapacity(length);
            ulong carry = 0;
            for (int i = 0; i < length; i++)
            {
                ulong sum = (i < _length ? _limbs[i] : 0UL) + (i < other._length ? other._limbs[i] : 0UL) + carry;
                _limbs[i] = (uint)sum;
                carry = sum >> 32;
            }

            _length = length;
            if (carry != 0)
            {
                EnsureCapacity(length + 1);
                _limbs[_length++] = (uint)carry;
            }
        }

        /// <summary>this -= other; the caller guarantees this >= other.</summary>
        internal void Subtract(BigNatural other)
        {
            long borrow = 0;
            for (int i = 0; i < _length; i++)
            {
                long difference = (long)_limbs[i] - (i < other._length ? other._limbs[i] : 0L) - borrow;
                borrow = difference < 0 ? 1 : 0;
                _limbs[i] = (uint)difference;
            }

            Trim();
        }

        internal static int Compare(BigNatural a, BigNatural b)
        {
            if (a._length != b._length)
            {
                return a._length > b._length ? 1 : -1;
            }

            for (int i = a._length - 1; i >= 0; i--)
            {
                if (a._limbs[i] != b._limbs[i])
                {
                    return a._limbs[i] > b._limbs[i] ? 1 : -1;
                }
            }

            return 0;
        }

        private void Trim()
        {
            while (_length > 0 && _limbs[_length - 1] == 0)
            {
                _length--;
            }
        }

        private static void EnsureCapacity(int length)
        {
            if (length > Capacity)
            {
                throw new InvalidOperationException("BigNatural needs more than " + Capacity.ToString() + " limbs");
            }
        }
    }
}
