using System;
using System.Text;

namespace NordicIoT.Schemas.Cbor
{
    /// <summary>Writes a double the way RFC 8949 diagnostic notation shows floats: 1.5, 100000.0, 1.0e+300, 5.960464477539063e-8, NaN.</summary>
    /// <remarks>
    /// Shortest round-trip digits, laid out as ECMAScript numbers are (plain from 1e-6 up to 1e21, exponent
    /// form outside), with ".0" added so that a float never looks like an integer, as Appendix A shows them.
    /// </remarks>
    internal static class DoubleText
    {
        private const int MaxPlainExponent = 21;
        private const int MinPlainExponent = -5;

        internal static void Append(StringBuilder text, double value)
        {
            if (double.IsNaN(value))
            {
                text.Append("NaN");
                return;
            }

            if (BitConverter.DoubleToInt64Bits(value) < 0)
            {
                text.Append('-');
                value = -value;
            }

            if (double.IsInfinity(value))
            {
                text.Append("Infinity");
                return;
            }

            if (value == 0)
            {
                text.Append("0.0");
                return;
            }

            char[] digits = new char[ShortestDigits.MaxDigits];
            int exponent;
            int count = ShortestDigits.Generate(value, digits, out exponent);

            // value = 0.d1d2...dn x 10^exponent
            if (exponent > MaxPlainExponent || exponent < MinPlainExponent)
            {
                text.Append(digits[0]).Append('.');
                if (count > 1)
                {
                    text.Append(digits, 1, count - 1);
                }
                else
                {
                    text.Append('0');
                }

                int power = exponent - 1;
                text.Append('e').Append(power < 0 ? '-' : '+').Append(power < 0 ? -power : power);
            }
            else if (exponent <= 0)
            {
                text.Append("0.").Append('0', -exponent).Append(digits, 0, count);
            }
            else if (exponent >= count)
            {
                text.Append(digits, 0, count).Append('0', exponent - count).Append(".0");
            }
            else
            {
                text.Append(digits, 0, exponent).Append('.').Append(digits, exponent, count - exponent);
            }
        }
    }
}
