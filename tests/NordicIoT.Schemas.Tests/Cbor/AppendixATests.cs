using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Tests.Cbor;

/// <summary>RFC 8949 Appendix A: every example decodes to the RFC's diagnostic notation and is written back as the RFC encodes it.</summary>
public class AppendixATests
{
    [Fact]
    public void Table_has_every_row_of_the_rfc()
    {
        // RFC 7049 also listed simple(24) as f818; RFC 8949 moved that to Appendix F (not well-formed).
        Assert.Equal(81, AppendixA.Rows.Length);
        Assert.Equal(AppendixA.Rows.Length, AppendixA.Rows.Select(r => r.Hex).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(AppendixA.All), MemberType = typeof(AppendixA))]
    public void Diagnostic_notation_matches_the_rfc(AppendixA.Row row)
    {
        byte[] data = Hex.Parse(row.Hex);

        Assert.Equal(row.Diagnostic, CborDiagnostic.Format(data, 0, data.Length));
    }

    [Theory]
    [MemberData(nameof(AppendixA.All), MemberType = typeof(AppendixA))]
    public void Diagnostic_notation_reads_the_given_range_only(AppendixA.Row row)
    {
        byte[] data = Hex.Parse("ffff" + row.Hex + "ff");

        Assert.Equal(row.Diagnostic, CborDiagnostic.Format(data, 2, data.Length - 3));
    }

    [Theory]
    [MemberData(nameof(AppendixA.All), MemberType = typeof(AppendixA))]
    public void SkipValue_consumes_exactly_the_item(AppendixA.Row row)
    {
        byte[] data = Hex.Parse(row.Hex + "00");
        var reader = new CborReader(data, 0, data.Length);

        reader.SkipValue();

        Assert.Equal(data.Length - 1, reader.Offset);
        Assert.Equal(0, reader.Depth);
        Assert.Equal(0UL, reader.ReadUInt());
        reader.ExpectEnd();
    }

    [Theory]
    [MemberData(nameof(AppendixA.All), MemberType = typeof(AppendixA))]
    public void Writing_the_value_gives_the_preferred_encoding(AppendixA.Row row)
    {
        byte[] data = Hex.Parse(row.Hex);

        Assert.Equal(row.WrittenHex, Hex.Of(Transcoder.Copy(data, joinStrings: false)));
    }

    [Theory]
    [MemberData(nameof(AppendixA.All), MemberType = typeof(AppendixA))]
    public void Joined_strings_read_back_as_the_same_value(AppendixA.Row row)
    {
        byte[] joined = Transcoder.Copy(Hex.Parse(row.Hex), joinStrings: true);

        string expected = row.Diagnostic
            .Replace("(_ h'0102', h'030405')", "h'0102030405'")
            .Replace("(_ \"strea\", \"ming\")", "\"streaming\"");
        Assert.Equal(expected, CborDiagnostic.Format(joined, 0, joined.Length));
    }

    [Fact]
    public void Values_written_directly_match_the_rfc()
    {
        var buffer = new byte[64];
        var writer = new CborWriter(buffer);
        string Written(Action<CborWriter> write)
        {
            writer.Reset(buffer, 0);
            write(writer);
            return Hex.Of(buffer, 0, writer.Position);
        }

        Assert.Equal("1bffffffffffffffff", Written(w => w.WriteUInt(ulong.MaxValue)));
        Assert.Equal("3bffffffffffffffff", Written(w => w.WriteNegative(ulong.MaxValue)));
        Assert.Equal("3903e7", Written(w => w.WriteInt(-1000)));
        Assert.Equal("fb3ff199999999999a", Written(w => w.WriteDouble(1.1)));
        Assert.Equal("fa47c35000", Written(w => w.WriteDouble(100000.0)));
        Assert.Equal("fa7f7fffff", Written(w => w.WriteDouble(float.MaxValue)));
        Assert.Equal("f90001", Written(w => w.WriteDouble(5.960464477539063e-8)));
        Assert.Equal("f97e00", Written(w => w.WriteDouble(double.NaN)));
        Assert.Equal("f0", Written(w => w.WriteSimple(16)));
        Assert.Equal("f8ff", Written(w => w.WriteSimple(255)));
        Assert.Equal("f7", Written(w => w.WriteUndefined()));
        Assert.Equal("c11a514b67b0", Written(w => { w.WriteTag(1); w.WriteUInt(1363896240); }));
        Assert.Equal("64f0908591", Written(w => w.WriteText("\ud800\udd51")));
        Assert.Equal("62c3bc", Written(w => w.WriteText("\u00fc")));
        Assert.Equal("826161a161626163", Written(w =>
        {
            w.WriteArrayHeader(2);
            w.WriteText("a");
            w.WriteMapHeader(1);
            w.WriteText("b");
            w.WriteText("c");
        }));
        Assert.Equal("bf6346756ef563416d7421ff", Written(w =>
        {
            w.WriteStartIndefiniteMap();
            w.WriteText("Fun");
            w.WriteBool(true);
            w.WriteText("Amt");
            w.WriteInt(-2);
            w.WriteBreak();
        }));
        Assert.Equal("5f42010243030405ff", Written(w =>
        {
            w.WriteStartIndefiniteBytes();
            w.WriteBytes([0, 1, 2], 1, 2);
            w.WriteBytes([3, 4, 5], 0, 3);
            w.WriteBreak();
        }));
    }
}
