using System;

namespace NordicIoT.Schemas.Cbor
{
    /// <summary>The shortest decimal digits that read back as the same double (free-format conversion with exact big integers).</summary>
    /// <remarks>
    /// nanoFramework has no round-trip ("R") double formatting, so the digits are computed here with the classic
    /// exact method: keep the value and half the gaps to its neighbours as ratios of big integers, emit digits
    /// until the remaining digits no longer matter, and pick the closer final digit.
    /// </remarks>
    internal static class ShortestDigits
    {
        /// <summary>Most significant digits of a double that never need more.</summary>
        internal const int MaxDigits = 17;

        private const ulong HiddenBit = 1UL << 52;

        /// <summary>Fills <paramref name="digits"/> ('0'-'9') for a finite value > 0 and returns their count; value = 0.d1d2... x 10^exponent.</summary>
        internal static int Generate(double value, char[] digits, out int exponent)
        {
            long bits = BitConverter.DoubleToInt64Bits(value) & long.MaxValue;
            int biased = (int)(bits >> 52);
            ulong significand = (ulong)bits & (HiddenBit - 1);
            int binaryExponent;
            if (biased == 0)
            {
                binaryExponent = -1074;
            }
            else
            {
                significand |= HiddenBit;
                binaryExponent = biased - 1075;
            }

            // Round-half-even reading: an even significand also owns the exact midpoints to its neighbours.
            bool inclusive = (significand & 1) == 0;

            // At a power of two the gap below is half the gap above (except at the smallest normal).
            bool unevenGaps = significand == HiddenBit && biased > 1;

            // value = r / s, upper half-gap = plus / s, lower half-gap = minus / s.
            BigNatural r = new BigNatural();
            BigNatural s = new BigNatural();
            BigNatural plus = new BigNatural();
            BigNatural minus = new BigNatural();
            BigNatural scratch = new BigNatural();
            int extra = unevenGaps ? 2 : 1;
            r.Set(significand);
            plus.Set(unevenGaps ? 2UL : 1UL);
            minus.Set(1);
            if (binaryExponent >= 0)
            {
                r.ShiftLeft(binaryExponent + extra);
                s.Set(1UL << extra);
                plus.ShiftLeft(binaryExponent);
                minus.ShiftLeft(binaryExponent);
            }
            else
            {
                r.ShiftLeft(extra);
                s.Set(1);
                s.ShiftLeft(extra - binaryExponent);
            }

            // Estimate k = ceil(log10(value)) from the binary exponent (1233/4096 ~ log10(2)), then correct it exactly.
            int log2 = binaryExponent + BitLength(significand) - 1;
            int k = ((log2 * 1233) >> 12) + 1;
            if (k >= 0)
            {
                s.MultiplyByPowerOf10(k);
            }
            else
            {
                r.MultiplyByPowerOf10(-k);
                plus.MultiplyByPowerOf10(-k);
                minus.MultiplyByPowerOf10(-k);
            }

            while (ReachesOrPasses(r, plus, s, inclusive, scratch))
            {
                s.Multiply(10);
                k++;
            }

            while (true)
            {
                scratch.CopyFrom(r);
                scratch.Add(plus);
                scratch.Multiply(10);
                int c = BigNatural.Compare(scratch, s);
                if (inclusive ? c >= 0 : c > 0)
                {
                    break;
                }

                r.Multiply(10);
                plus.Multiply(10);
                minus.Multiply(10);
                k--;
            }

            exponent = k;
            int count = 0;
            while (true)
            {
                r.Multiply(10);
                plus.Multiply(10);
                minus.Multiply(10);
                int digit = 0;
                while (BigNatural.Compare(r, s) >= 0)
                {
                    r.Subtract(s);
                    digit++;
                }

                int low = BigNatural.Compare(r, minus);
                bool canStopLow = inclusive ? low <= 0 : low < 0;
                bool canStopHigh = ReachesOrPasses(r, plus, s, inclusive, scratch);
                if (!canStopLow && !canStopHigh)
                {
                    digits[count++] = (char)('0' + digit);
                    continue;
                }

                if (canStopLow && canStopHigh)
                {
                    // Both candidates read back correctly: take the nearer, and the even one on a tie.
                    scratch.CopyFrom(r);
                    scratch.Multiply(2);
                    int c = BigNatural.Compare(scratch, s);
                    if (c > 0 || (c == 0 && (digit & 1) == 1))
                    {
                        digit++;
                    }
                }
                else if (canStopHigh)
                {
                    digit++;
                }

                digits[count++] = (char)('0' + digit);
                return count;
            }
        }

        // Whether r + plus reaches s (or passes it, when the boundary is excluded).
        private static bool ReachesOrPasses(BigNatural r, BigNatural plus, BigNatural s, bool inclusive, BigNatural scratch)
        {
            scratch.CopyFrom(r);
            scratch.Add(plus);
            int c = BigNatural.Compare(scratch, s);
            return inclusive ? c >= 0 : c > 0;
        }

        private static int BitLength(ulong value)
        {
            int length = 0;
            while (value != 0)
            {
                value >>= 1;
                length++;
            }

            return length;
        }
    }
}
