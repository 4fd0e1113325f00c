using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Tests.Cbor;

/// <summary>The hand-made half/single conversions agree with .NET's System.Half and float on every case that matters.</summary>
public class FloatWidthsTests
{
    [Fact]
    public void Every_half_bit_pattern_converts_like_system_half()
    {
        for (int bits = 0; bits <= 0xffff; bits++)
        {
            double expected = (double)BitConverter.UInt16BitsToHalf((ushort)bits);
            double actual = FloatWidths.HalfToDouble(bits);
            if (double.IsNaN(expected))
            {
                Assert.True(double.IsNaN(actual));
                continue;
            }

            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
            Assert.True(FloatWidths.TryToHalf(actual, out int back));
            Assert.Equal(bits, back);
        }
    }

    [Fact]
    public void Single_bit_patterns_convert_like_float()
    {
        var random = new Random(32);
        uint[] edges = [0, 1, 0x007fffff, 0x00800000, 0x3f800000, 0x7f7fffff, 0x7f800000, 0x80000001, 0xff800000];
        for (int i = 0; i < 200_000 + edges.Length; i++)
        {
            uint bits = i < edges.Length ? edges[i] : (uint)random.NextInt64(0, 1L << 32);
            float single = BitConverter.UInt32BitsToSingle(bits);
            double actual = FloatWidths.SingleToDouble(bits);
            if (float.IsNaN(single))
            {
                Assert.True(double.IsNaN(actual));
                continue;
            }

            Assert.Equal(BitConverter.DoubleToInt64Bits(single), BitConverter.DoubleToInt64Bits(actual));
            Assert.True(FloatWidths.TryToSingle(actual, out uint back));
            Assert.Equal(bits, back);
        }
    }

    [Fact]
    public void Narrowing_succeeds_exactly_when_the_value_survives_the_round_trip()
    {
        var random = new Random(16);
        for (int i = 0; i < 200_000; i++)
        {
            double value = CborWriterTests.RandomDouble(random, i);
            if (double.IsNaN(value))
            {
                continue;
            }

            Assert.Equal((double)(Half)value == value, FloatWidths.TryToHalf(value, out _));
            Assert.Equal((double)(float)value == value, FloatWidths.TryToSingle(value, out _));
        }
    }

    [Fact]
    public void Nan_payloads_narrow_only_when_they_fit()
    {
        Assert.True(FloatWidths.TryToHalf(BitConverter.Int64BitsToDouble(0x7ff8000000000000), out int quiet));
        Assert.Equal(0x7e00, quiet);
        Assert.False(FloatWidths.TryToHalf(BitConverter.Int64BitsToDouble(0x7ff8000000000001), out _));
        Assert.True(FloatWidths.TryToSingle(BitConverter.Int64BitsToDouble(0x7ff8000020000000), out uint payload));
        Assert.Equal(0x7fc00001u, payload);
    }
}
