using System.Globalization;
using System.Text;
using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Tests.Cbor;

/// <summary>The hand-written float printer (nanoFramework has no round-trip format): exact shortest digits, checked by parsing and against .NET's "R".</summary>
public class DoubleTextTests
{
    private static string Text(double value)
    {
        var text = new StringBuilder();
        DoubleText.Append(text, value);
        return text.ToString();
    }

    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(-4.1, "-4.1")]
    [InlineData(123.456, "123.456")]
    [InlineData(100000.0, "100000.0")]
    [InlineData(1e20, "100000000000000000000.0")]
    [InlineData(1e21, "1.0e+21")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000012, "0.0000012")]
    [InlineData(1e-7, "1.0e-7")]
    [InlineData(4.9e-324, "5.0e-324")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(2.2250738585072014e-308, "2.2250738585072014e-308")]
    [InlineData(9007199254740993.0, "9007199254740992.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(double.NaN, "NaN")]
    public void Layout_follows_the_rfc_examples(double value, string expected)
    {
        Assert.Equal(expected, Text(value));
    }

    [Fact]
    public void Digits_are_the_shortest_that_round_trip()
    {
        var random = new Random(754);
        for (int i = 0; i < 200_000; i++)
        {
            double value = Math.Abs(CborWriterTests.RandomDouble(random, i));
            if (!double.IsFinite(value) || value == 0)
            {
                continue;
            }

            AssertSameDigits(value);
        }
    }

    [Fact]
    public void Powers_of_two_and_ten_and_the_extremes_are_shortest()
    {
        for (int e = -1074; e <= 1023; e++)
        {
            AssertSameDigits(Math.ScaleB(1, e));
        }

        for (int e = -323; e <= 308; e++)
        {
            AssertSameDigits(double.Parse("1e" + e, CultureInfo.InvariantCulture));
        }

        foreach (long bits in new[] { 1L, 2L, 0x000fffffffffffffL, 0x0010000000000000L, 0x7fefffffffffffffL, 0x7fe0000000000000L })
        {
            AssertSameDigits(BitConverter.Int64BitsToDouble(bits));
        }
    }

    private static void AssertSameDigits(double value)
    {
        var digits = new char[ShortestDigits.MaxDigits];
        int count = ShortestDigits.Generate(value, digits, out int exponent);
        string mine = new string(digits, 0, count);

        // Exact: value = digits x 10^(exponent - count) reads back, and neither neighbour one digit shorter does.
        Assert.Equal(value, ParseScaled(mine, exponent - count));
        if (count > 1)
        {
            long shorter = long.Parse(mine[..^1], CultureInfo.InvariantCulture);
            int scale = exponent - (count - 1);
            Assert.NotEqual(value, ParseScaled(shorter.ToString(CultureInfo.InvariantCulture), scale));
            Assert.NotEqual(value, ParseScaled((shorter + 1).ToString(CultureInfo.InvariantCulture), scale));
        }

        // Same choice as .NET wherever .NET's "R" output itself round-trips (it does not for some powers of two,
        // e.g. 2^-958 prints as 4.104536801298376E-289, which reads back as the next double down).
        string r = value.ToString("R", CultureInfo.InvariantCulture);
        if (double.Parse(r, CultureInfo.InvariantCulture) == value)
        {
            (string expectedDigits, int expectedExponent) = NetShortest(r);
            Assert.True(
                expectedDigits == mine && expectedExponent == exponent,
                $"{r}: .NET 0.{expectedDigits}e{expectedExponent}, here 0.{mine}e{exponent}");
        }

        Assert.Equal(value, double.Parse(Text(value), CultureInfo.InvariantCulture));
    }

    private static double ParseScaled(string digits, int scale) =>
        double.Parse(digits + "e" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    // .NET's "R" gives the shortest round-trip digits; reduce "1.2345E-05" / "100000" to ("12345", -4) / ("1", 6).
    private static (string Digits, int Exponent) NetShortest(string r)
    {
        int e = r.IndexOf('E');
        int power = e < 0 ? 0 : int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
        string mantissa = e < 0 ? r : r[..e];
        int point = mantissa.IndexOf('.');
        int integerDigits = point < 0 ? mantissa.Length : point;
        string digits = mantissa.Replace(".", "");
        int exponent = integerDigits + power;
        int leadingZeros = digits.Length - digits.TrimStart('0').Length;
        return (digits.Trim('0'), exponent - leadingZeros);
    }
}
