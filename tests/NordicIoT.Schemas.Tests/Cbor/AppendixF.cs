using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Tests.Cbor;

/// <summary>RFC 8949 Appendix F.1: every not-well-formed example, with the reason this reader gives for it.</summary>
/// <remarks>
/// A few RFC examples announce more items than bytes remain (a1ff, a20000ff, 81, 8200...): the reader rejects those
/// up front with LengthExceedsInput, before it would reach the missing data or the misplaced break.
/// </remarks>
public static class AppendixF
{
    public sealed record Example(string Hex, WireError Reason, string Kind)
    {
        public override string ToString() => Hex + " (" + Kind + ")";
    }

    private const string Head = "end of input in a head";
    private const string ShortString = "definite-length string with short data";
    private const string ShortContainer = "definite-length map or array not closed with enough items";
    private const string BareTag = "tag number not followed by tag content";
    private const string OpenString = "indefinite-length string not closed by a break";
    private const string OpenContainer = "indefinite-length map or array not closed by a break";
    private const string Reserved = "reserved additional information value";
    private const string TwoByteSimple = "reserved two-byte encoding of a simple value";
    private const string WrongChunk = "indefinite-length string chunk not of the correct type";
    private const string IndefiniteChunk = "indefinite-length string chunk not definite length";
    private const string LoneBreak = "break on its own outside of an indefinite-length item";
    private const string BreakInDefinite = "break in a definite-length array or map or a tag";
    private const string OddMap = "break in an indefinite-length map's value position";
    private const string Indefinite016 = "major type 0, 1 or 6 with additional information 31";

    private static Example E(string hex, WireError reason, string kind) => new(hex, reason, kind);

    public static readonly Example[] Examples =
    [
        E("18", WireError.Truncated, Head),
        E("19", WireError.Truncated, Head),
        E("1a", WireError.Truncated, Head),
        E("1b", WireError.Truncated, Head),
        E("1901", WireError.Truncated, Head),
        E("1a0102", WireError.Truncated, Head),
        E("1b01020304050607", WireError.Truncated, Head),
        E("38", WireError.Truncated, Head),
        E("58", WireError.Truncated, Head),
        E("78", WireError.Truncated, Head),
        E("98", WireError.Truncated, Head),
        E("9a01ff00", WireError.Truncated, Head),
        E("b8", WireError.Truncated, Head),
        E("d8", WireError.Truncated, Head),
        E("f8", WireError.Truncated, Head),
        E("f900", WireError.Truncated, Head),
        E("fa0000", WireError.Truncated, Head),
        E("fb000000", WireError.Truncated, Head),

        E("41", WireError.LengthExceedsInput, ShortString),
        E("61", WireError.LengthExceedsInput, ShortString),
        E("5affffffff00", WireError.LengthExceedsInput, ShortString),
        E("5bffffffffffffffff010203", WireError.LengthExceedsInput, ShortString),
        E("7affffffff00", WireError.LengthExceedsInput, ShortString),
        E("7b7fffffffffffffff010203", WireError.LengthExceedsInput, ShortString),

        E("81", WireError.LengthExceedsInput, ShortContainer),
        E("818181818181818181", WireError.LengthExceedsInput, ShortContainer),
        E("8200", WireError.LengthExceedsInput, ShortContainer),
        E("a1", WireError.LengthExceedsInput, ShortContainer),
        E("a20102", WireError.LengthExceedsInput, ShortContainer),
        E("a100", WireError.LengthExceedsInput, ShortContainer),
        E("a2000000", WireError.LengthExceedsInput, ShortContainer),

        E("c0", WireError.Truncated, BareTag),

        E("5f4100", WireError.Truncated, OpenString),
        E("7f6100", WireError.Truncated, OpenString),

        E("9f", WireError.Truncated, OpenContainer),
        E("9f0102", WireError.Truncated, OpenContainer),
        E("bf", WireError.Truncated, OpenContainer),
        E("bf01020102", WireError.Truncated, OpenContainer),
        E("819f", WireError.Truncated, OpenContainer),
        E("9f8000", WireError.Truncated, OpenContainer),
        E("9f9f9f9f9fffffffff", WireError.Truncated, OpenContainer),
        E("9f819f819f9fffffff", WireError.Truncated, OpenContainer),

        E("1c", WireError.ReservedAdditionalInfo, Reserved),
        E("1d", WireError.ReservedAdditionalInfo, Reserved),
        E("1e", WireError.ReservedAdditionalInfo, Reserved),
        E("3c", WireError.ReservedAdditionalInfo, Reserved),
        E("3d", WireError.ReservedAdditionalInfo, Reserved),
        E("3e", WireError.ReservedAdditionalInfo, Reserved),
        E("5c", WireError.ReservedAdditionalInfo, Reserved),
        E("5d", WireError.ReservedAdditionalInfo, Reserved),
        E("5e", WireError.ReservedAdditionalInfo, Reserved),
        E("7c", WireError.ReservedAdditionalInfo, Reserved),
        E("7d", WireError.ReservedAdditionalInfo, Reserved),
        E("7e", WireError.ReservedAdditionalInfo, Reserved),
        E("9c", WireError.ReservedAdditionalInfo, Reserved),
        E("9d", WireError.ReservedAdditionalInfo, Reserved),
        E("9e", WireError.ReservedAdditionalInfo, Reserved),
        E("bc", WireError.ReservedAdditionalInfo, Reserved),
        E("bd", WireError.ReservedAdditionalInfo, Reserved),
        E("be", WireError.ReservedAdditionalInfo, Reserved),
        E("dc", WireError.ReservedAdditionalInfo, Reserved),
        E("dd", WireError.ReservedAdditionalInfo, Reserved),
        E("de", WireError.ReservedAdditionalInfo, Reserved),
        E("fc", WireError.ReservedAdditionalInfo, Reserved),
        E("fd", WireError.ReservedAdditionalInfo, Reserved),
        E("fe", WireError.ReservedAdditionalInfo, Reserved),

        E("f800", WireError.InvalidSimpleValue, TwoByteSimple),
        E("f801", WireError.InvalidSimpleValue, TwoByteSimple),
        E("f818", WireError.InvalidSimpleValue, TwoByteSimple),
        E("f81f", WireError.InvalidSimpleValue, TwoByteSimple),

        E("5f00ff", WireError.InvalidChunk, WrongChunk),
        E("5f21ff", WireError.InvalidChunk, WrongChunk),
        E("5f6100ff", WireError.InvalidChunk, WrongChunk),
        E("5f80ff", WireError.InvalidChunk, WrongChunk),
        E("5fa0ff", WireError.InvalidChunk, WrongChunk),
        E("5fc000ff", WireError.InvalidChunk, WrongChunk),
        E("5fe0ff", WireError.InvalidChunk, WrongChunk),
        E("7f4100ff", WireError.InvalidChunk, WrongChunk),

        E("5f5f4100ffff", WireError.InvalidChunk, IndefiniteChunk),
        E("7f7f6100ffff", WireError.InvalidChunk, IndefiniteChunk),

        E("ff", WireError.UnexpectedBreak, LoneBreak),

        E("81ff", WireError.UnexpectedBreak, BreakInDefinite),
        E("8200ff", WireError.UnexpectedBreak, BreakInDefinite),
        E("a1ff", WireError.LengthExceedsInput, BreakInDefinite),
        E("a1ff00", WireError.UnexpectedBreak, BreakInDefinite),
        E("a100ff", WireError.UnexpectedBreak, BreakInDefinite),
        E("a20000ff", WireError.LengthExceedsInput, BreakInDefinite),
        E("9f81ff", WireError.UnexpectedBreak, BreakInDefinite),
        E("9f829f819f9fffffffff", WireError.UnexpectedBreak, BreakInDefinite),

        E("bf00ff", WireError.UnexpectedBreak, OddMap),
        E("bf000000ff", WireError.UnexpectedBreak, OddMap),

        E("1f", WireError.ReservedAdditionalInfo, Indefinite016),
        E("3f", WireError.ReservedAdditionalInfo, Indefinite016),
        E("df", WireError.ReservedAdditionalInfo, Indefinite016),
    ];

    /// <summary>Not in the RFC's list but of the same kinds: a break as tag content, chunks cut or mistyped.</summary>
    public static readonly Example[] Extra =
    [
        E("c0ff", WireError.UnexpectedBreak, BreakInDefinite),
        E("d9d9f7ff", WireError.UnexpectedBreak, BreakInDefinite),
        E("7f61", WireError.LengthExceedsInput, ShortString),
        E("5f", WireError.Truncated, OpenString),
        E("5f40", WireError.Truncated, OpenString),
        E("7f60c0ff", WireError.InvalidChunk, WrongChunk),
        E("5f5c", WireError.ReservedAdditionalInfo, Reserved),
        E("bfff00", WireError.TrailingBytes, "bytes after the item"),
        E("0000", WireError.TrailingBytes, "bytes after the item"),
    ];

    public static TheoryData<Example> All()
    {
        var data = new TheoryData<Example>();
        foreach (Example example in Examples.Concat(Extra))
        {
            data.Add(example);
        }

        return data;
    }
}
