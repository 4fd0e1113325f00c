using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Tests.Cbor;

/// <summary>RFC 8949 Appendix F.1: every not-well-formed example is rejected on every reading path, with a clear reason.</summary>
public class AppendixFTests
{
    [Fact]
    public void Table_has_every_example_of_the_rfc()
    {
        Assert.Equal(94, AppendixF.Examples.Length);
        Assert.Equal(AppendixF.Examples.Length, AppendixF.Examples.Select(e => e.Hex).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(AppendixF.All), MemberType = typeof(AppendixF))]
    public void SkipValue_rejects(AppendixF.Example example)
    {
        byte[] data = Hex.Parse(example.Hex);

        var error = Assert.Throws<WireFormatException>(() =>
        {
            var reader = new CborReader(data, 0, data.Length);
            reader.SkipValue();
            reader.ExpectEnd();
        });

        Assert.Equal(example.Reason, error.Reason);
        Assert.InRange(error.Offset, 0, data.Length);
    }

    [Theory]
    [MemberData(nameof(AppendixF.All), MemberType = typeof(AppendixF))]
    public void Diagnostic_notation_rejects(AppendixF.Example example)
    {
        byte[] data = Hex.Parse(example.Hex);

        var error = Assert.Throws<WireFormatException>(() => CborDiagnostic.Format(data, 0, data.Length));

        Assert.Equal(example.Reason, error.Reason);
    }

    [Theory]
    [MemberData(nameof(AppendixF.All), MemberType = typeof(AppendixF))]
    public void Typed_reads_reject(AppendixF.Example example)
    {
        byte[] data = Hex.Parse(example.Hex);

        var chunked = Assert.Throws<WireFormatException>(() => Transcoder.Copy(data, joinStrings: false));
        var joined = Assert.Throws<WireFormatException>(() => Transcoder.Copy(data, joinStrings: true));

        Assert.Equal(example.Reason, chunked.Reason);
        Assert.Equal(example.Reason, joined.Reason);
    }

    [Theory]
    [InlineData("18", WireError.Truncated)]
    [InlineData("1c", WireError.ReservedAdditionalInfo)]
    [InlineData("1f", WireError.ReservedAdditionalInfo)]
    [InlineData("3e", WireError.ReservedAdditionalInfo)]
    [InlineData("ff", WireError.UnexpectedBreak)]
    [InlineData("c0", WireError.UnexpectedType)]
    public void Integer_reads_reject(string hex, WireError reason)
    {
        byte[] data = Hex.Parse(hex);

        Assert.Equal(reason, Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).ReadInt()).Reason);
        Assert.Equal(reason, Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).ReadInt32()).Reason);
    }

    [Theory]
    [InlineData("41", WireError.LengthExceedsInput)]
    [InlineData("5bffffffffffffffff010203", WireError.LengthExceedsInput)]
    [InlineData("5f4100", WireError.Truncated)]
    [InlineData("5f00ff", WireError.InvalidChunk)]
    [InlineData("5f5f4100ffff", WireError.InvalidChunk)]
    [InlineData("5c", WireError.ReservedAdditionalInfo)]
    public void Byte_string_reads_reject(string hex, WireError reason)
    {
        byte[] data = Hex.Parse(hex);

        Assert.Equal(reason, Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).ReadBytes()).Reason);
    }

    [Theory]
    [InlineData("61", WireError.LengthExceedsInput)]
    [InlineData("7b7fffffffffffffff010203", WireError.LengthExceedsInput)]
    [InlineData("7f6100", WireError.Truncated)]
    [InlineData("7f4100ff", WireError.InvalidChunk)]
    [InlineData("7f7f6100ffff", WireError.InvalidChunk)]
    public void Text_reads_reject(string hex, WireError reason)
    {
        byte[] data = Hex.Parse(hex);

        Assert.Equal(reason, Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).ReadText()).Reason);
    }

    [Theory]
    [InlineData("f800", WireError.InvalidSimpleValue)]
    [InlineData("f81f", WireError.InvalidSimpleValue)]
    [InlineData("f8", WireError.Truncated)]
    [InlineData("fc", WireError.ReservedAdditionalInfo)]
    public void Simple_value_reads_reject(string hex, WireError reason)
    {
        byte[] data = Hex.Parse(hex);

        Assert.Equal(reason, Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).ReadSimple()).Reason);
    }

    [Theory]
    [InlineData("f900", WireError.Truncated)]
    [InlineData("fa0000", WireError.Truncated)]
    [InlineData("fb000000", WireError.Truncated)]
    [InlineData("fd", WireError.ReservedAdditionalInfo)]
    public void Float_reads_reject(string hex, WireError reason)
    {
        byte[] data = Hex.Parse(hex);

        Assert.Equal(reason, Assert.Throws<WireFormatException>(() => new CborReader(data, 0, data.Length).ReadDouble()).Reason);
    }

    [Theory]
    [InlineData("c0")]
    [InlineData("d8")]
    [InlineData("dc")]
    [InlineData("df")]
    public void Tag_reads_reject(string hex)
    {
        byte[] data = Hex.Parse(hex);

        Assert.Throws<WireFormatException>(() =>
        {
            var reader = new CborReader(data, 0, data.Length);
            reader.ReadTag();
            reader.ReadUInt();
        });
    }

    [Theory]
    [InlineData("9a01ff00", WireError.Truncated)]
    [InlineData("81", WireError.LengthExceedsInput)]
    [InlineData("a20102", WireError.LengthExceedsInput)]
    [InlineData("9c", WireError.ReservedAdditionalInfo)]
    [InlineData("bd", WireError.ReservedAdditionalInfo)]
    public void Header_reads_reject(string hex, WireError reason)
    {
        byte[] data = Hex.Parse(hex);
        bool isMap = data[0] >> 5 == 5;

        var error = Assert.Throws<WireFormatException>(() =>
        {
            var reader = new CborReader(data, 0, data.Length);
            if (isMap)
            {
                reader.ReadMapHeader();
            }
            else
            {
                reader.ReadArrayHeader();
            }
        });

        Assert.Equal(reason, error.Reason);
    }
}
