using System.Text;
using System.Text.Unicode;
using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Tests.Cbor;

/// <summary>Inputs built to break decoders: nesting bombs, huge declared lengths, bad UTF-8, integer overflow.</summary>
public class CborHostileInputTests
{
    private const int BombDepth = 100_000;

    [Theory]
    [InlineData(0x81)]
    [InlineData(0x9f)]
    [InlineData(0xa1)]
    [InlineData(0xbf)]
    [InlineData(0xc1)]
    public void Nesting_bomb_stops_at_the_depth_limit_in_SkipValue(int initial)
    {
        byte[] bomb = Bomb(initial);

        var error = Assert.Throws<WireFormatException>(() => new CborReader(bomb, 0, bomb.Length).SkipValue());

        Assert.Equal(WireError.DepthExceeded, error.Reason);
        Assert.Equal(CborReader.DefaultMaxDepth, error.Offset);
    }

    [Theory]
    [InlineData(0x81)]
    [InlineData(0x9f)]
    [InlineData(0xc1)]
    public void Nesting_bomb_stops_at_the_depth_limit_in_the_diagnostic_printer(int initial)
    {
        byte[] bomb = Bomb(initial);

        var error = Assert.Throws<WireFormatException>(() => CborDiagnostic.Format(bomb, 0, bomb.Length));

        Assert.Equal(WireError.DepthExceeded, error.Reason);
    }

    [Theory]
    [InlineData(0x81)]
    [InlineData(0x9f)]
    public void Nesting_bomb_stops_at_the_depth_limit_in_header_reads(int initial)
    {
        byte[] bomb = Bomb(initial);
        var reader = new CborReader(bomb, 0, bomb.Length);
        int opened = 0;

        var error = Assert.Throws<WireFormatException>(() =>
        {
            for (int i = 0; i < BombDepth; i++)
            {
                reader.ReadArrayHeader();
                opened++;
            }
        });

        Assert.Equal(WireError.DepthExceeded, error.Reason);
        Assert.Equal(CborReader.DefaultMaxDepth, opened);
    }

    [Fact]
    public void Tag_bomb_stops_at_the_depth_limit_in_tag_reads()
    {
        byte[] bomb = Bomb(0xc1);
        var reader = new CborReader(bomb, 0, bomb.Length, maxDepth: 3);

        reader.ReadTag();
        reader.ReadTag();
        reader.ReadTag();
        Assert.Equal(WireError.DepthExceeded, Assert.Throws<WireFormatException>(() => reader.ReadTag()).Reason);
    }

    [Fact]
    public void Nested_indefinite_strings_are_rejected_as_chunks()
    {
        byte[] bomb = Enumerable.Repeat((byte)0x5f, BombDepth).ToArray();

        Assert.Equal(WireError.InvalidChunk, Assert.Throws<WireFormatException>(() => new CborReader(bomb, 0, bomb.Length).SkipValue()).Reason);
        Assert.Equal(WireError.InvalidChunk, Assert.Throws<WireFormatException>(() => new CborReader(bomb, 0, bomb.Length).ReadBytes()).Reason);
    }

    [Fact]
    public void Depth_limit_counts_an_indefinite_string_as_a_level()
    {
        byte[] data = Hex.Parse("815f4101ff");

        Assert.Equal(WireError.DepthExceeded, Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length, maxDepth: 1).SkipValue()).Reason);
        var reader = new CborReader(data, 0, data.Length, maxDepth: 2);
        reader.SkipValue();
        reader.ExpectEnd();
    }

    [Fact]
    public void Depth_at_the_limit_is_accepted()
    {
        byte[] data = Hex.Parse(string.Concat(Enumerable.Repeat("81", CborReader.DefaultMaxDepth)) + "00");

        var reader = new CborReader(data, 0, data.Length);
        reader.SkipValue();
        reader.ExpectEnd();
        Assert.StartsWith("[[[[", CborDiagnostic.Format(data, 0, data.Length));
    }

    [Theory]
    [InlineData("9affffffff")]
    [InlineData("9bffffffffffffffff")]
    [InlineData("9b7fffffffffffffff00")]
    [InlineData("9a0000000300")]
    public void Huge_array_counts_fail_before_anything_is_read(string hex)
    {
        byte[] data = Hex.Parse(hex);

        Assert.Equal(WireError.LengthExceedsInput, Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).ReadArrayHeader()).Reason);
        Assert.Equal(WireError.LengthExceedsInput, Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).SkipValue()).Reason);
    }

    [Theory]
    [InlineData("baffffffff")]
    [InlineData("bbffffffffffffffff")]
    [InlineData("bb800000000000000000")]
    [InlineData("a30000000000")]
    public void Huge_map_counts_fail_before_anything_is_read(string hex)
    {
        byte[] data = Hex.Parse(hex);

        Assert.Equal(WireError.LengthExceedsInput, Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).ReadMapHeader()).Reason);
    }

    [Theory]
    [InlineData("5bffffffffffffffff")]
    [InlineData("5b8000000000000000")]
    [InlineData("5affffffff0102")]
    [InlineData("5f5bffffffffffffffffff")]
    public void Huge_byte_string_lengths_fail_without_allocating(string hex)
    {
        byte[] data = Hex.Parse(hex);

        Assert.Equal(WireError.LengthExceedsInput, Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).ReadBytes()).Reason);
        Assert.Equal(WireError.LengthExceedsInput, Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).SkipValue()).Reason);
    }

    [Theory]
    [InlineData("7bffffffffffffffff")]
    [InlineData("7b00000000ffffffff41")]
    [InlineData("7f7bffffffffffffffff")]
    public void Huge_text_lengths_fail_without_allocating(string hex)
    {
        byte[] data = Hex.Parse(hex);

        Assert.Equal(WireError.LengthExceedsInput, Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).ReadText()).Reason);
    }

    [Fact]
    public void Lengths_are_checked_against_the_range_not_the_array()
    {
        byte[] data = Hex.Parse("4401020304");

        var reader = new CborReader(data, 0, 4);
        Assert.Equal(WireError.LengthExceedsInput, Assert.Throws<WireFormatException>(() => reader.ReadBytes()).Reason);
    }

    public static TheoryData<string> InvalidUtf8 => new()
    {
        "80",               // continuation byte without a lead
        "bf",
        "c0 80",            // overlong NUL
        "c1 bf",            // overlong 2-byte
        "e0 80 80",         // overlong 3-byte
        "e0 9f bf",
        "f0 80 80 80",      // overlong 4-byte
        "f0 8f bf bf",
        "ed a0 80",         // U+D800, a surrogate
        "ed bf bf",         // U+DFFF
        "ed a0 bd ed b2 a9", // a surrogate pair spelled as two 3-byte sequences (CESU-8)
        "f4 90 80 80",      // U+110000, above the Unicode range
        "f5 80 80 80",
        "f8 88 80 80 80",   // 5-byte form
        "fe",
        "ff",
        "c2",               // cut sequences
        "e2 82",
        "f0 9f 98",
        "c2 41",            // lead followed by ASCII
        "e2 28 a1",
        "41 42 c3",
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void Invalid_utf8_is_rejected(string hex)
    {
        byte[] bytes = Hex.Parse(hex);
        Assert.False(Utf8.IsValid(bytes), "sample must be invalid UTF-8");
        byte[] data = [(byte)(0x60 + bytes.Length), .. bytes];

        var error = Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).ReadText());
        Assert.Equal(WireError.InvalidUtf8, error.Reason);
        Assert.InRange(error.Offset, 1, data.Length - 1);
        Assert.Equal(WireError.InvalidUtf8, Assert.Throws<WireFormatException>(() => CborDiagnostic.Format(data, 0, data.Length)).Reason);
    }

    [Fact]
    public void Utf8_split_across_chunks_is_rejected()
    {
        byte[] data = Hex.Parse("7f 61 c3 61 bc ff");

        Assert.Equal(WireError.InvalidUtf8, Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).ReadText()).Reason);
    }

    [Theory]
    [InlineData("\u007f")]
    [InlineData("\u0080")]
    [InlineData("\u07ff")]
    [InlineData("\u0800")]
    [InlineData("\ud7ff")]
    [InlineData("\ue000")]
    [InlineData("\uffff")]
    [InlineData("\ud800\udc00")]
    [InlineData("\udbff\udfff")]
    public void Utf8_boundary_code_points_are_accepted(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        byte[] data = [(byte)(0x60 + utf8.Length), .. utf8];

        Assert.Equal(text, new CborReader(data, 0, data.Length).ReadText());
    }

    [Theory]
    [InlineData("1b8000000000000000")]
    [InlineData("1bffffffffffffffff")]
    [InlineData("3b8000000000000000")]
    [InlineData("3bffffffffffffffff")]
    public void ReadInt_reports_overflow(string hex)
    {
        byte[] data = Hex.Parse(hex);

        var error = Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).ReadInt());
        Assert.Equal(WireError.IntegerOverflow, error.Reason);
        Assert.Equal(0, error.Offset);
    }

    [Theory]
    [InlineData("1a80000000")]
    [InlineData("1b0000000100000000")]
    [InlineData("3a80000000")]
    [InlineData("3bffffffffffffffff")]
    public void ReadInt32_reports_out_of_range(string hex)
    {
        byte[] data = Hex.Parse(hex);

        Assert.Equal(WireError.ValueOutOfRange, Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).ReadInt32()).Reason);
    }

    [Theory]
    [InlineData("1b7fffffffffffffff", long.MaxValue)]
    [InlineData("3b7fffffffffffffff", long.MinValue)]
    [InlineData("3a7fffffff", -2147483648L)]
    public void Integer_reads_reach_the_edges(string hex, long expected)
    {
        byte[] data = Hex.Parse(hex);

        Assert.Equal(expected, new CborReader(data, 0, data.Length).ReadInt());
        if (expected >= int.MinValue && expected <= int.MaxValue)
        {
            Assert.Equal(expected, new CborReader(data, 0, data.Length).ReadInt32());
        }
    }

    private static byte[] Bomb(int initial) => Enumerable.Repeat((byte)initial, BombDepth).ToArray();
}
