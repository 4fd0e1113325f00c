namespace NordicIoT.Device.Ota.Crypto
{
    /// <summary>Width-w non-adjacent form of a scalar: signed odd digits below 2^(w-1), each followed by at least w-1 zeros.</summary>
    /// <remarks>
    /// With w = 5 a 256-bit scalar has about 256/6 nonzero digits, so a scalar multiplication costs 256 doublings
    /// and ~43 additions of precomputed odd multiples (P, 3P, ..., 15P) instead of ~128 additions bit by bit.
    /// </remarks>
    public static class Wnaf
    {
        /// <summary>The window width w.</summary>
        public const int Width = 5;

        /// <summary>How many odd multiples (1, 3, ..., 2^(w-1) - 1) a table for this width holds.</summary>
        public const int TableSize = 1 << (Width - 2);

        /// <summary>The most digits a scalar below 2^256 can need (the recoding may carry one digit past the top bit).</summary>
        public const int MaxDigits = 257;

        /// <summary>
        /// Writes the digits of <paramref name="scalar"/>, least significant first, to <paramref name="digits"/>
        /// (at least <see cref="MaxDigits"/> long) and returns how many there are. Consumes <paramref name="scalar"/>
        /// (left zero), which must be below 2^256 - 2^(w-1).
        /// </summary>
        public static int Recode(uint[] scalar, sbyte[] digits)
        {
            const int window = 1 << Width;
            int count = 0;
            while (!UInt256.IsZero(scalar))
            {
                int digit = 0;
                if ((scalar[0] & 1) != 0)
                {
                    digit = (int)(scalar[0] & (window - 1));
                    if (digit >= window / 2)
                    {
                        digit -= window;
                    }

                    // Clears the low w bits: subtracting a positive digit cannot borrow (it is the low bits), adding
                    // minus a negative one carries upward, which the bound on the scalar keeps below 2^256.
                    AddSmall(scalar, -digit);
                }

                digits[count++] = (sbyte)digit;
                UInt256.ShiftRightOne(scalar, 0);
            }

            return count;
        }

        private static void AddSmall(uint[] value, int amount)
        {
            long carry = amount;
            for (int i = 0; i < UInt256.Limbs && carry != 0; i++)
            {
                carry += value[i];
                value[i] = (uint)carry;
                carry >>= 32;
            }
        }
    }
}
