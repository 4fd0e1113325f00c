using System;

namespace NordicIoT.Device.Ota.Crypto
{
    /// <summary>Operations on 256-bit unsigned integers held as eight 32-bit limbs, least significant limb first.</summary>
    /// <remarks>
    /// Plain arrays rather than a struct type: nanoFramework interprets IL, where locals and array elements are cheap
    /// and every call or copied struct costs. Nothing here allocates. Not constant-time: it serves signature
    /// verification, whose inputs are all public.
    /// </remarks>
    public static class UInt256
    {
        /// <summary>Number of 32-bit limbs.</summary>
        public const int Limbs = 8;

        /// <summary>Number of bytes in the big-endian form.</summary>
        public const int ByteLength = 32;

        /// <summary>Reads 32 big-endian bytes of <paramref name="source"/> from <paramref name="offset"/> into <paramref name="result"/>.</summary>
        public static void FromBigEndian(byte[] source, int offset, uint[] result)
        {
            for (int i = 0; i < Limbs; i++)
            {
                int at = offset + ByteLength - 4 - 4 * i;
                result[i] = ((uint)source[at] << 24) | ((uint)source[at + 1] << 16) | ((uint)source[at + 2] << 8) | source[at + 3];
            }
        }

        /// <summary>Whether <paramref name="value"/> is zero.</summary>
        public static bool IsZero(uint[] value)
        {
            return (value[0] | value[1] | value[2] | value[3] | value[4] | value[5] | value[6] | value[7]) == 0;
        }

        /// <summary>-1, 0 or 1 as <paramref name="a"/> is below, equal to or above <paramref name="b"/>.</summary>
        public static int Compare(uint[] a, uint[] b)
        {
            for (int i = Limbs - 1; i >= 0; i--)
            {
                if (a[i] != b[i])
                {
                    return a[i] < b[i] ? -1 : 1;
                }
            }

            return 0;
        }

        /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/>.</summary>
        public static void Copy(uint[] source, uint[] destination)
        {
            Array.Copy(source, destination, Limbs);
        }

        /// <summary>Sets <paramref name="result"/> to the small value <paramref name="value"/>.</summary>
        public static void Set(uint[] result, uint value)
        {
            Array.Clear(result, 1, Limbs - 1);
            result[0] = value;
        }

        /// <summary><paramref name="result"/> = <paramref name="a"/> + <paramref name="b"/>; returns the carry out (0 or 1). Any argument may be the same array.</summary>
        public static uint Add(uint[] a, uint[] b, uint[] result)
        {
            ulong carry = 0;
            for (int i = 0; i < Limbs; i++)
            {
                carry += (ulong)a[i] + b[i];
                result[i] = (uint)carry;
                carry >>= 32;
            }

            return (uint)carry;
        }

        /// <summary><paramref name="result"/> = <paramref name="a"/> - <paramref name="b"/>; returns the borrow out (0 or 1). Any argument may be the same array.</summary>
        public static uint Subtract(uint[] a, uint[] b, uint[] result)
        {
            long borrow = 0;
            for (int i = 0; i < Limbs; i++)
            {
                borrow += (long)a[i] - b[i];
                result[i] = (uint)borrow;
                borrow >>= 32;
            }

            return (uint)(-borrow);
        }

        /// <summary>Shifts <paramref name="value"/> right by one bit, shifting <paramref name="topBit"/> (0 or 1) in at the top.</summary>
        public static void ShiftRightOne(uint[] value, uint topBit)
        {
            for (int i = 0; i < Limbs - 1; i++)
            {
                value[i] = (value[i] >> 1) | (value[i + 1] << 31);
            }

            value[Limbs - 1] = (value[Limbs - 1] >> 1) | (topBit << 31);
        }
    }
}
