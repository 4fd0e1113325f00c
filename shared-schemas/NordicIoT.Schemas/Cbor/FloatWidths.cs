using System;

namespace NordicIoT.Schemas.Cbor
{
    /// <summary>Exact conversions between doubles and IEEE 754 half/single bit patterns, done on the bits.</summary>
    /// <remarks>
    /// nanoFramework's BitConverter has no half type and no allocation-free single-bit conversions
    /// (only DoubleToInt64Bits / Int64BitsToDouble), so narrow floats are taken apart by hand.
    /// </remarks>
    internal static class FloatWidths
    {
        private const long DoubleExponentMask = 0x7ff0000000000000L;
        private const long DoubleMantissaMask = 0x000fffffffffffffL;

        /// <summary>The double equal to a half-precision bit pattern (NaN payloads kept).</summary>
        internal static double HalfToDouble(int bits)
        {
            long sign = (long)(bits & 0x8000) << 48;
            int exponent = (bits >> 10) & 0x1f;
            long mantissa = bits & 0x3ff;
            if (exponent == 0x1f)
            {
                return BitConverter.Int64BitsToDouble(sign | DoubleExponentMask | (mantissa << 42));
            }

            if (exponent == 0)
            {
                if (mantissa == 0)
                {
                    return BitConverter.Int64BitsToDouble(sign);
                }

                // Half subnormals are normal doubles: shift the leading 1 into the implicit bit.
                exponent = 1;
                while ((mantissa & 0x400) == 0)
                {
                    mantissa <<= 1;
                    exponent--;
                }

                mantissa &= 0x3ff;
            }

            return BitConverter.Int64BitsToDouble(sign | ((long)(exponent - 15 + 1023) << 52) | (mantissa << 42));
        }

        /// <summary>The double equal to a single-precision bit pattern (NaN payloads kept).</summary>
        internal static double SingleToDouble(uint bits)
        {
            long sign = (long)(bits & 0x80000000u) << 32;
            int exponent = (int)((bits >> 23) & 0xff);
            long mantissa = bits & 0x7fffff;
            if (exponent == 0xff)
            {
                return BitConverter.Int64BitsToDouble(sign | DoubleExponentMask | (mantissa << 29));
            }

            if (exponent == 0)
            {
                if (mantissa == 0)
                {
                    return BitConverter.Int64BitsToDouble(sign);
                }

                exponent = 1;
                while ((mantissa & 0x800000) == 0)
                {
                    mantissa <<= 1;
                    exponent--;
                }

                mantissa &= 0x7fffff;
            }

            return BitConverter.Int64BitsToDouble(sign | ((long)(exponent - 127 + 1023) << 52) | (mantissa << 29));
        }

        /// <summary>The half-precision bits of a value if a half holds it exactly (NaN only if its payload fits).</summary>
        internal static bool TryToHalf(double value, out int bits)
        {
            ulong narrow;
            bool exact = TryNarrow(value, 5, 10, out narrow);
            bits = (int)narrow;
            return exact;
        }

        /// <summary>The single-precision bits of a value if a single holds it exactly (NaN only if its payload fits).</summary>
        internal static bool TryToSingle(double value, out uint bits)
        {
            ulong narrow;
            bool exact = TryNarrow(value, 8, 23, out narrow);
            bits = (uint)narrow;
            return exact;
        }

        // One routine for both widths: a narrower IEEE 754 binary format differs only in field sizes.
        private static bool TryNarrow(double value, int exponentBits, int mantissaBits, out ulong bits)
        {
            long wide = BitConverter.DoubleToInt64Bits(value);
            ulong sign = (ulong)wide >> 63 << (exponentBits + mantissaBits);
            int exponent = (int)((wide & DoubleExponentMask) >> 52);
            long mantissa = wide & DoubleMantissaMask;
            int maxExponent = (1 << exponentBits) - 1;
            int bias = maxExponent >> 1;
            int droppedBits = 52 - mantissaBits;
            long droppedMask = (1L << droppedBits) - 1;
            bits = 0;

            if (exponent == 0x7ff)
            {
                if ((mantissa & droppedMask) != 0)
                {
                    return false;
                }

                bits = sign | ((ulong)maxExponent << mantissaBits) | (ulong)(mantissa >> droppedBits);
                return true;
            }

            if (exponent == 0)
            {
                // Zero fits; double subnormals are far below any narrower format's range.
                bits = sign;
                return mantissa == 0;
            }

            int unbiased = exponent - 1023;
            if (unbiased > bias)
            {
                return false;
            }

            if (unbiased >= 1 - bias)
            {
                if ((mantissa & droppedMask) != 0)
                {
                    return false;
                }

                bits = sign | ((ulong)(unbiased + bias) << mantissaBits) | (ulong)(mantissa >> droppedBits);
                return true;
            }

            // Subnormal in the narrow format: the value is an integer multiple of its smallest step.
            int smallestStepExponent = 1 - bias - mantissaBits;
            if (unbiased < smallestStepExponent)
            {
                return false;
            }

            long significand = mantissa | (1L << 52);
            int shift = 52 - (unbiased - smallestStepExponent);
            if ((significand & ((1L << shift) - 1)) != 0)
            {
                return false;
            }

            bits = sign | (ulong)(significand >> shift);
            return true;
        }
    }
}
