using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Tests.Cbor;

/// <summary>The reader's contract: depth bookkeeping, closing containers, chunked strings, offsets and messages.</summary>
public class CborReaderTests
{
    private static CborReader Reader(string hex, int maxDepth = CborReader.DefaultMaxDepth)
    {
        byte[] data = Hex.Parse(hex);
        return new CborReader(data, 0, data.Length, maxDepth);
    }

    [Fact]
    public void Definite_containers_close_themselves_after_their_last_item()
    {
        var reader = Reader("82 81 01 02"); // [[1], 2]

        Assert.Equal(2, reader.ReadArrayHeader());
        Assert.Equal(1, reader.Depth);
        Assert.Equal(1, reader.ReadArrayHeader());
        Assert.Equal(2, reader.Depth);
        Assert.Equal(1, reader.ReadInt32());
        Assert.Equal(1, reader.Depth);
        Assert.Equal(2, reader.ReadInt32());
        Assert.Equal(0, reader.Depth);
        Assert.True(reader.IsAtEnd);
        reader.ExpectEnd();
    }

    [Fact]
    public void ReadEndArray_and_ReadEndMap_close_explicitly()
    {
        var reader = Reader("82 a1 01 80 02"); // [{1: []}, 2]

        reader.ReadArrayHeader();
        reader.ReadMapHeader();
        reader.ReadUInt();
        Assert.Equal(0, reader.ReadArrayHeader());
        reader.ReadEndArray();
        reader.ReadEndMap();
        Assert.Equal(2, reader.ReadInt32());
        reader.ReadEndArray();
        Assert.Equal(0, reader.Depth);
        reader.ExpectEnd();
    }

    [Fact]
    public void ReadEndArray_reports_unread_items()
    {
        var reader = Reader("83 01 02 03");
        reader.ReadArrayHeader();
        reader.ReadUInt();

        var error = Assert.Throws<WireFormatException>(() => reader.ReadEndArray());

        Assert.Equal(WireError.TooManyItems, error.Reason);
        Assert.Equal(2, error.Offset);
        Assert.Equal("TooManyItems at byte 2: array has 2 unread items", error.Message);
    }

    [Fact]
    public void ReadEndArray_consumes_the_break_of_an_indefinite_array()
    {
        var reader = Reader("9f 01 ff 05");
        Assert.Equal(-1, reader.ReadArrayHeader());
        reader.ReadUInt();

        reader.ReadEndArray();

        Assert.Equal(0, reader.Depth);
        Assert.Equal(5, reader.ReadInt32());
    }

    [Fact]
    public void ReadEndArray_on_an_indefinite_array_with_more_items_reports_them()
    {
        var reader = Reader("9f 01 02 ff");
        reader.ReadArrayHeader();
        reader.ReadUInt();

        Assert.Equal(WireError.TooManyItems, Assert.Throws<WireFormatException>(() => reader.ReadEndArray()).Reason);
    }

    [Fact]
    public void ReadEndMap_rejects_a_break_after_a_lone_key()
    {
        var reader = Reader("bf 01 ff");
        reader.ReadMapHeader();
        reader.ReadUInt();

        Assert.Equal(WireError.UnexpectedBreak, Assert.Throws<WireFormatException>(() => reader.ReadEndMap()).Reason);
    }

    [Fact]
    public void Closing_the_wrong_kind_of_container_is_a_caller_error()
    {
        var reader = Reader("a1 01 02");
        reader.ReadMapHeader();

        Assert.Throws<InvalidOperationException>(() => reader.ReadEndArray());
        Assert.Throws<InvalidOperationException>(() => Reader("01").ReadEndMap());
    }

    [Fact]
    public void A_finished_tag_closes_with_its_content()
    {
        var reader = Reader("81 c1 01"); // [1(1)]

        reader.ReadArrayHeader();
        Assert.Equal(1UL, reader.ReadTag());
        Assert.Equal(2, reader.Depth);
        Assert.Equal(1UL, reader.ReadUInt());
        reader.ReadEndArray();
        reader.ExpectEnd();
    }

    [Fact]
    public void TryReadBreak_ends_indefinite_items_only()
    {
        var reader = Reader("9f 81 01 ff");

        Assert.False(reader.TryReadBreak());
        reader.ReadArrayHeader();
        Assert.False(reader.TryReadBreak());
        reader.ReadArrayHeader();
        reader.ReadUInt();
        Assert.True(reader.TryReadBreak());
        Assert.Equal(0, reader.Depth);
        Assert.False(reader.TryReadBreak());
        reader.ExpectEnd();
    }

    [Fact]
    public void TryReadBreak_leaves_a_break_in_a_definite_array_for_the_next_read_to_report()
    {
        var reader = Reader("81 ff");
        reader.ReadArrayHeader();

        Assert.False(reader.TryReadBreak());
        var error = Assert.Throws<WireFormatException>(() => reader.ReadUInt());
        Assert.Equal(WireError.UnexpectedBreak, error.Reason);
        Assert.Equal(1, error.Offset);
    }

    [Fact]
    public void Indefinite_strings_can_be_read_chunk_by_chunk()
    {
        var reader = Reader("82 5f 42 0102 40 41 03 ff 7f 62 c3bc 61 21 ff");

        reader.ReadArrayHeader();
        reader.ReadStartIndefiniteBytes();
        Assert.Equal(new byte[] { 1, 2 }, reader.ReadBytes());
        Assert.Empty(reader.ReadBytes());
        Assert.Equal(CborType.ByteString, reader.PeekType());
        Assert.Equal(new byte[] { 3 }, reader.ReadBytes());
        Assert.True(reader.TryReadBreak());
        reader.ReadStartIndefiniteText();
        Assert.Equal("\u00fc", reader.ReadText());
        Assert.Equal("!", reader.ReadText());
        Assert.True(reader.TryReadBreak());
        reader.ReadEndArray();
        reader.ExpectEnd();
    }

    [Fact]
    public void Chunk_reading_refuses_items_that_are_not_chunks()
    {
        var reader = Reader("5f 01 ff");
        reader.ReadStartIndefiniteBytes();

        var error = Assert.Throws<WireFormatException>(() => reader.ReadUInt());
        Assert.Equal(WireError.InvalidChunk, error.Reason);
        Assert.Equal(1, error.Offset);
        Assert.Equal(WireError.UnexpectedType, Assert.Throws<WireFormatException>(() => Reader("45 0102030405").ReadStartIndefiniteBytes()).Reason);
    }

    [Fact]
    public void Whole_indefinite_strings_are_joined()
    {
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, Reader("5f 42 0102 40 43 030405 ff").ReadBytes());
        Assert.Equal("streaming", Reader("7f 65 7374726561 64 6d696e67 ff").ReadText());
        Assert.Empty(Reader("5f ff").ReadBytes());
        Assert.Equal("", Reader("7f ff").ReadText());
    }

    [Fact]
    public void SkipValue_skips_one_item_inside_a_container()
    {
        var reader = Reader("83 82 01 9f 02 ff c1 a1 61 61 f6 07");

        reader.ReadArrayHeader();
        reader.SkipValue();
        Assert.Equal(1, reader.Depth);
        reader.SkipValue();
        Assert.Equal(7, reader.ReadInt32());
        reader.ReadEndArray();
        reader.ExpectEnd();
    }

    [Theory]
    [InlineData("5818 000102030405060708090a0b0c0d0e0f1011121314151617")]
    [InlineData("790000")]
    [InlineData("7a00000001 41")]
    [InlineData("5b0000000000000002 0102")]
    [InlineData("5f 5801 00 590001 02 ff")]
    public void SkipValue_skips_strings_with_long_heads(string hex)
    {
        var reader = Reader(hex + "07");

        reader.SkipValue();
        Assert.Equal(7, reader.ReadInt32());
        reader.ExpectEnd();
    }

    [Fact]
    public void SkipValue_refuses_to_skip_past_the_end_of_an_indefinite_container()
    {
        var reader = Reader("9f ff");
        reader.ReadArrayHeader();

        Assert.Equal(WireError.UnexpectedBreak, Assert.Throws<WireFormatException>(() => reader.SkipValue()).Reason);
    }

    [Theory]
    [InlineData("00", CborType.UnsignedInteger)]
    [InlineData("20", CborType.NegativeInteger)]
    [InlineData("40", CborType.ByteString)]
    [InlineData("5f", CborType.ByteString)]
    [InlineData("60", CborType.TextString)]
    [InlineData("80", CborType.Array)]
    [InlineData("bf", CborType.Map)]
    [InlineData("c0", CborType.Tag)]
    [InlineData("f4", CborType.Simple)]
    [InlineData("f7", CborType.Simple)]
    [InlineData("f8ff", CborType.Simple)]
    [InlineData("f90000", CborType.Float)]
    [InlineData("fa00000000", CborType.Float)]
    [InlineData("fb0000000000000000", CborType.Float)]
    [InlineData("ff", CborType.Break)]
    public void PeekType_names_the_next_item_without_consuming_it(string hex, CborType type)
    {
        var reader = Reader(hex);

        Assert.Equal(type, reader.PeekType());
        Assert.Equal(0, reader.Offset);
    }

    [Fact]
    public void PeekType_at_the_end_reports_truncation()
    {
        var reader = Reader("");

        Assert.True(reader.IsAtEnd);
        Assert.Equal(WireError.Truncated, Assert.Throws<WireFormatException>(() => reader.PeekType()).Reason);
    }

    [Fact]
    public void Type_mismatch_names_both_types_and_the_offset()
    {
        var reader = Reader("82 01 63 616263");
        reader.ReadArrayHeader();
        reader.ReadUInt();

        var error = Assert.Throws<WireFormatException>(() => reader.ReadInt32());

        Assert.Equal(WireError.UnexpectedType, error.Reason);
        Assert.Equal(2, error.Offset);
        Assert.Equal("UnexpectedType at byte 2: expected an integer, found a text string", error.Message);
    }

    [Theory]
    [InlineData("f4", false)]
    [InlineData("f5", true)]
    public void Booleans_read(string hex, bool value)
    {
        Assert.Equal(value, Reader(hex).ReadBool());
    }

    [Fact]
    public void Null_undefined_and_simple_values_read()
    {
        Reader("f6").ReadNull();
        Reader("f7").ReadUndefined();
        Assert.Equal(16, Reader("f0").ReadSimple());
        Assert.Equal(22, Reader("f6").ReadSimple());
        Assert.Equal(32, Reader("f820").ReadSimple());
        Assert.Equal(WireError.UnexpectedType, Assert.Throws<WireFormatException>(() => Reader("f7").ReadNull()).Reason);
        Assert.Equal(WireError.UnexpectedType, Assert.Throws<WireFormatException>(() => Reader("f6").ReadBool()).Reason);
        Assert.Equal(WireError.UnexpectedType, Assert.Throws<WireFormatException>(() => Reader("f90000").ReadSimple()).Reason);
        Assert.Equal(WireError.UnexpectedType, Assert.Throws<WireFormatException>(() => Reader("00").ReadDouble()).Reason);
    }

    [Fact]
    public void Negative_integers_read_over_the_full_range()
    {
        Assert.Equal(ulong.MaxValue, Reader("3bffffffffffffffff").ReadNegativeEncoded());
        Assert.Equal(0UL, Reader("20").ReadNegativeEncoded());
        Assert.Equal(-1000, Reader("3903e7").ReadInt32());
        Assert.Equal(-1000L, Reader("3903e7").ReadInt());
        Assert.Equal(WireError.UnexpectedType, Assert.Throws<WireFormatException>(() => Reader("20").ReadUInt()).Reason);
        Assert.Equal(WireError.UnexpectedType, Assert.Throws<WireFormatException>(() => Reader("00").ReadNegativeEncoded()).Reason);
    }

    [Fact]
    public void Non_preferred_heads_are_accepted()
    {
        Assert.Equal(1, Reader("1b0000000000000001").ReadInt32());
        Assert.Equal(1.0, Reader("fb3ff0000000000000").ReadDouble());
        Assert.Equal(2, Reader("9a00000002 01 02").ReadArrayHeader());
    }

    [Fact]
    public void ExpectEnd_reports_what_is_left()
    {
        var trailing = Reader("01 02");
        trailing.ReadUInt();
        var error = Assert.Throws<WireFormatException>(() => trailing.ExpectEnd());
        Assert.Equal(WireError.TrailingBytes, error.Reason);
        Assert.Equal(1, error.Offset);

        var open = Reader("9f 01");
        open.ReadArrayHeader();
        open.ReadUInt();
        Assert.Equal(WireError.Truncated, Assert.Throws<WireFormatException>(() => open.ExpectEnd()).Reason);
    }

    [Fact]
    public void Offsets_are_indexes_into_the_callers_array()
    {
        byte[] data = Hex.Parse("ffff 82 01 18");
        var reader = new CborReader(data, 2, 3);

        Assert.Equal(2, reader.Offset);
        Assert.Equal(5, reader.End);
        reader.ReadArrayHeader();
        reader.ReadUInt();
        var error = Assert.Throws<WireFormatException>(() => reader.ReadUInt());
        Assert.Equal(WireError.Truncated, error.Reason);
        Assert.Equal(4, error.Offset);
    }

    [Fact]
    public void Reset_reuses_the_reader_from_a_clean_state()
    {
        byte[] first = Hex.Parse("9f 9f 01");
        byte[] second = Hex.Parse("00 2a");
        var reader = new CborReader(first, 0, first.Length);
        reader.ReadArrayHeader();
        reader.ReadArrayHeader();

        reader.Reset(second, 1, 1);

        Assert.Equal(0, reader.Depth);
        Assert.Equal(-11, reader.ReadInt32());
        reader.ExpectEnd();
    }

    [Fact]
    public void Bad_ranges_are_caller_errors()
    {
        byte[] data = new byte[4];

        Assert.Throws<ArgumentNullException>(() => new CborReader(null!, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CborReader(data, 3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CborReader(data, -1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CborReader(data, 0, 4, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CborReader(data, 0, 0).Reset(data, 1, int.MaxValue));
    }

    [Fact]
    public void Depth_zero_reads_scalars_only()
    {
        Assert.Equal(5UL, Reader("05", maxDepth: 0).ReadUInt());
        Assert.Equal(WireError.DepthExceeded, Assert.Throws<WireFormatException>(() => Reader("80", maxDepth: 0).ReadArrayHeader()).Reason);
    }
}
