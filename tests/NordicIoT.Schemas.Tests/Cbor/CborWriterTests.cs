using System.Text;
using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Tests.Cbor;

/// <summary>Preferred serialization at every head and float boundary, and what happens when the buffer is too small.</summary>
public class CborWriterTests
{
    private readonly byte[] _buffer = new byte[64];

    private string Written(Action<CborWriter> write)
    {
        var writer = new CborWriter(_buffer);
        write(writer);
        return Hex.Of(_buffer, 0, writer.Position);
    }

    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(23UL, "17")]
    [InlineData(24UL, "1818")]
    [InlineData(255UL, "18ff")]
    [InlineData(256UL, "190100")]
    [InlineData(65535UL, "19ffff")]
    [InlineData(65536UL, "1a00010000")]
    [InlineData(4294967295UL, "1affffffff")]
    [InlineData(4294967296UL, "1b0000000100000000")]
    [InlineData(ulong.MaxValue, "1bffffffffffffffff")]
    public void Unsigned_heads_are_shortest_at_each_boundary(ulong value, string hex)
    {
        Assert.Equal(hex, Written(w => w.WriteUInt(value)));
        if (value <= long.MaxValue)
        {
            Assert.Equal(hex, Written(w => w.WriteInt((long)value)));
        }
    }

    [Theory]
    [InlineData(-1L, "20")]
    [InlineData(-24L, "37")]
    [InlineData(-25L, "3818")]
    [InlineData(-256L, "38ff")]
    [InlineData(-257L, "390100")]
    [InlineData(-65536L, "39ffff")]
    [InlineData(-65537L, "3a00010000")]
    [InlineData(-4294967296L, "3affffffff")]
    [InlineData(-4294967297L, "3b0000000100000000")]
    [InlineData(long.MinValue, "3b7fffffffffffffff")]
    public void Negative_heads_are_shortest_at_each_boundary(long value, string hex)
    {
        Assert.Equal(hex, Written(w => w.WriteInt(value)));
        Assert.Equal(hex, Written(w => w.WriteNegative((ulong)(-1 - value))));
    }

    [Theory]
    [InlineData(0, "80", "a0")]
    [InlineData(23, "97", "b7")]
    [InlineData(24, "9818", "b818")]
    [InlineData(255, "98ff", "b8ff")]
    [InlineData(256, "990100", "b90100")]
    [InlineData(65535, "99ffff", "b9ffff")]
    [InlineData(65536, "9a00010000", "ba00010000")]
    [InlineData(int.MaxValue, "9a7fffffff", "ba7fffffff")]
    public void Container_heads_are_shortest(int count, string arrayHex, string mapHex)
    {
        Assert.Equal(arrayHex, Written(w => w.WriteArrayHeader(count)));
        Assert.Equal(mapHex, Written(w => w.WriteMapHeader(count)));
    }

    [Theory]
    [InlineData(0, "40")]
    [InlineData(23, "57")]
    [InlineData(24, "5818")]
    [InlineData(30, "581e")]
    public void Byte_string_heads_are_shortest(int length, string headHex)
    {
        byte[] data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        Assert.Equal(headHex + Hex.Of(data), Written(w => w.WriteBytes(data, 0, length)));
    }

    [Fact]
    public void Long_strings_get_two_and_four_byte_heads()
    {
        var big = new byte[70000];
        var writer = new CborWriter(big);

        writer.WriteText(new string('x', 256));
        Assert.Equal("790100", Hex.Of(big, 0, 3));

        writer.Reset(big, 0);
        writer.WriteBytes(new byte[65536], 0, 65536);
        Assert.Equal("5a00010000", Hex.Of(big, 0, 5));
        Assert.Equal(65541, writer.Position);
    }

    [Theory]
    [InlineData(0.0, "f90000")]
    [InlineData(-0.0, "f98000")]
    [InlineData(1.0, "f93c00")]
    [InlineData(1.5, "f93e00")]
    [InlineData(-4.0, "f9c400")]
    [InlineData(65504.0, "f97bff")]                       // largest half
    [InlineData(65505.0, "fa477fe100")]                   // needs more mantissa than a half has
    [InlineData(65536.0, "fa47800000")]                   // exponent too large for a half
    [InlineData(0.00006103515625, "f90400")]              // smallest normal half, 2^-14
    [InlineData(5.960464477539063e-8, "f90001")]          // smallest subnormal half, 2^-24
    [InlineData(6.097555160522461e-5, "f903ff")]          // largest subnormal half
    [InlineData(1.7881393432617188e-7, "f90003")]         // 3 x 2^-24
    [InlineData(2.9802322387695312e-8, "fa33000000")]     // 2^-25: below every half
    [InlineData(8.940696716308594e-8, "fa33c00000")]      // 1.5 x 2^-24: between half subnormals
    [InlineData(100000.0, "fa47c35000")]
    [InlineData(3.4028234663852886e+38, "fa7f7fffff")]    // largest single
    [InlineData(1.1754943508222875e-38, "fa00800000")]    // smallest normal single
    [InlineData(1.401298464324817e-45, "fa00000001")]     // smallest subnormal single
    [InlineData(7.006492321624085e-46, "fb3690000000000000")] // 2^-150: below every single
    [InlineData(3.4028235170913126e+38, "fb47efffffe8000000")] // just above float.MaxValue: no single
    [InlineData(1.1, "fb3ff199999999999a")]
    [InlineData(1.0e+300, "fb7e37e43c8800759c")]
    [InlineData(4.9e-324, "fb0000000000000001")]          // smallest double subnormal
    [InlineData(double.MaxValue, "fb7fefffffffffffff")]
    [InlineData(double.PositiveInfinity, "f97c00")]
    [InlineData(double.NegativeInfinity, "f9fc00")]
    [InlineData(double.NaN, "f97e00")]
    public void Floats_use_the_shortest_exact_width(double value, string hex)
    {
        Assert.Equal(hex, Written(w => w.WriteDouble(value)));
    }

    [Fact]
    public void Every_nan_is_written_as_the_canonical_half()
    {
        Assert.Equal("f97e00", Written(w => w.WriteDouble(BitConverter.Int64BitsToDouble(unchecked((long)0xfff8000000000001UL)))));
        Assert.Equal("f97e00", Written(w => w.WriteDouble(BitConverter.Int64BitsToDouble(0x7ff0000000000001))));
    }

    [Fact]
    public void Random_floats_read_back_bit_for_bit_in_the_width_net_would_pick()
    {
        var random = new Random(8949);
        var buffer = new byte[9];
        var writer = new CborWriter(buffer);
        for (int i = 0; i < 100_000; i++)
        {
            double value = RandomDouble(random, i);
            if (double.IsNaN(value))
            {
                continue;
            }

            writer.Reset(buffer, 0);
            writer.WriteDouble(value);
            int expectedWidth = (double)(Half)value == value || (double.IsInfinity(value))
                ? 3
                : (double)(float)value == value ? 5 : 9;
            Assert.Equal(expectedWidth, writer.Position);

            double read = new CborReader(buffer, 0, writer.Position).ReadDouble();
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(read));
        }
    }

    [Fact]
    public void Simple_values_use_one_or_two_bytes_and_refuse_24_to_31()
    {
        Assert.Equal("e0", Written(w => w.WriteSimple(0)));
        Assert.Equal("f3", Written(w => w.WriteSimple(19)));
        Assert.Equal("f4", Written(w => w.WriteBool(false)));
        Assert.Equal("f5", Written(w => w.WriteBool(true)));
        Assert.Equal("f6", Written(w => w.WriteNull()));
        Assert.Equal("f820", Written(w => w.WriteSimple(32)));
        foreach (int invalid in new[] { -1, 24, 31, 256 })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new CborWriter(_buffer).WriteSimple(invalid));
        }
    }

    [Fact]
    public void Text_is_encoded_as_utf8_like_the_platform_does()
    {
        var random = new Random(3629);
        var buffer = new byte[1024];
        for (int i = 0; i < 2000; i++)
        {
            string text = RandomScalarText(random);
            var writer = new CborWriter(buffer);
            writer.WriteText(text);

            byte[] expected = Encoding.UTF8.GetBytes(text);
            var reader = new CborReader(buffer, 0, writer.Position);
            Assert.Equal(text, reader.ReadText());
            Assert.Equal(expected, buffer.AsSpan(writer.Position - expected.Length, expected.Length).ToArray());
        }
    }

    [Fact]
    public void Text_with_an_unpaired_surrogate_is_refused_without_writing()
    {
        // Not theory data: xunit turns lone surrogates in attribute arguments into U+FFFD.
        foreach (string text in new[] { "\ud800", "a\udc00", "\udc00\ud800", "\ud800x", "\udbff" })
        {
            AssertRefused(text);
        }
    }

    private void AssertRefused(string text)
    {
        var writer = new CborWriter(_buffer);
        writer.WriteUInt(1);

        var error = Assert.Throws<WireFormatException>(() => writer.WriteText(text));

        Assert.Equal(WireError.InvalidUtf8, error.Reason);
        Assert.Equal(1, writer.Position);
    }

    public static TheoryData<string, int, int> TooSmall => new()
    {
        // what, buffer size, bytes already written
        { "uint", 1, 1 },
        { "uint256", 2, 0 },
        { "int", 4, 0 },
        { "array", 0, 0 },
        { "bytes", 4, 0 },
        { "text", 3, 0 },
        { "double", 8, 0 },
        { "half", 2, 0 },
        { "raw", 2, 1 },
        { "break", 3, 3 },
        { "simple", 1, 0 },
    };

    [Theory]
    [MemberData(nameof(TooSmall))]
    public void Too_small_a_buffer_throws_and_writes_nothing(string what, int size, int used)
    {
        var buffer = new byte[size];
        var writer = new CborWriter(buffer);
        for (int i = 0; i < used; i++)
        {
            writer.WriteUInt(0);
        }

        Action write = what switch
        {
            "uint" => () => writer.WriteUInt(0),
            "uint256" => () => writer.WriteUInt(256),
            "int" => () => writer.WriteInt(-65537),
            "array" => () => writer.WriteArrayHeader(0),
            "bytes" => () => writer.WriteBytes(new byte[4], 0, 4),
            "text" => () => writer.WriteText("\u00fc\u00fc"),
            "double" => () => writer.WriteDouble(1.1),
            "half" => () => writer.WriteDouble(1.5),
            "raw" => () => writer.WriteRaw(new byte[2], 0, 2),
            "break" => () => writer.WriteBreak(),
            "simple" => () => writer.WriteSimple(255),
            _ => throw new ArgumentException(what),
        };

        var error = Assert.Throws<WireFormatException>(write);
        Assert.Equal(WireError.BufferTooSmall, error.Reason);
        Assert.Equal(used, error.Offset);
        Assert.Equal(used, writer.Position);
        Assert.StartsWith("BufferTooSmall at byte " + used + ": ", error.Message);
        Assert.All(buffer.Skip(used), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Reset_moves_to_another_buffer_and_offset()
    {
        var first = new byte[4];
        var second = new byte[8];
        var writer = new CborWriter(first);
        writer.WriteUInt(1);

        writer.Reset(second, 5);
        writer.WriteUInt(500);

        Assert.Same(second, writer.Buffer);
        Assert.Equal(8, writer.Position);
        Assert.Equal("0000000000" + "1901f4", Hex.Of(second));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Reset(second, 9));
        Assert.Throws<ArgumentNullException>(() => writer.Reset(null!, 0));
    }

    [Fact]
    public void Raw_bytes_are_copied_as_they_are()
    {
        byte[] encoded = Hex.Parse("a1 61 61 01");

        Assert.Equal("82a161610100", Written(w =>
        {
            w.WriteArrayHeader(2);
            w.WriteRaw(encoded, 0, encoded.Length);
            w.WriteUInt(0);
        }));
    }

    [Fact]
    public void Bad_arguments_are_caller_errors()
    {
        var writer = new CborWriter(_buffer);

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteArrayHeader(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteMapHeader(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteBytes(new byte[2], 1, 2));
        Assert.Throws<ArgumentNullException>(() => writer.WriteText(null!));
        Assert.Equal(0, writer.Position);
    }

    internal static double RandomDouble(Random random, int i)
    {
        switch (i % 4)
        {
            case 0:
                return BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
            case 1:
                return BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue));
            case 2:
                return (double)BitConverter.Int16BitsToHalf((short)random.Next(short.MinValue, short.MaxValue + 1));
            default:
                // Values near the half/single limits, where the width choice is decided.
                return Math.ScaleB(random.Next(1, 1 << 12), random.Next(-160, 140)) * (random.Next(2) == 0 ? 1 : -1);
        }
    }

    private static string RandomScalarText(Random random)
    {
        var text = new StringBuilder();
        int length = random.Next(0, 40);
        for (int i = 0; i < length; i++)
        {
            int codePoint = random.Next(4) switch
            {
                0 => random.Next(0, 0x80),
                1 => random.Next(0x80, 0x800),
                2 => random.Next(0x800, 0x10000),
                _ => random.Next(0x10000, 0x110000),
            };
            if (codePoint is >= 0xd800 and <= 0xdfff)
            {
                codePoint = 0xfffd;
            }

            text.Append(char.ConvertFromUtf32(codePoint));
        }

        return text.ToString();
    }
}
