namespace NordicIoT.Schemas.Tests.Cbor;

/// <summary>RFC 8949 Appendix A, "Examples of Encoded CBOR Data Items": every row of the table.</summary>
/// <remarks>
/// The RFC abbreviates the two 25-item arrays as "[1, 2, 3, ..., 25]"; they are spelled out here.
/// <see cref="Row.WrittenHex"/> is what a preferred-serialization writer emits for the same value: the hex itself,
/// except for the rows whose float is not in its shortest form (the RFC lists those as alternatives).
/// </remarks>
public static class AppendixA
{
    public sealed record Row(string Hex, string Diagnostic, string WrittenHex)
    {
        public override string ToString() => Hex;
    }

    private static Row R(string hex, string diagnostic) => new(hex, diagnostic, hex);

    private static Row Longer(string hex, string diagnostic, string preferredHex) => new(hex, diagnostic, preferredHex);

    private static readonly string OneTo25 = string.Join(", ", Enumerable.Range(1, 25));

    public static readonly Row[] Rows =
    [
        R("00", "0"),
        R("01", "1"),
        R("0a", "10"),
        R("17", "23"),
        R("1818", "24"),
        R("1819", "25"),
        R("1864", "100"),
        R("1903e8", "1000"),
        R("1a000f4240", "1000000"),
        R("1b000000e8d4a51000", "1000000000000"),
        R("1bffffffffffffffff", "18446744073709551615"),
        R("c249010000000000000000", "2(h'010000000000000000')"),
        R("3bffffffffffffffff", "-18446744073709551616"),
        R("c349010000000000000000", "3(h'010000000000000000')"),
        R("20", "-1"),
        R("29", "-10"),
        R("3863", "-100"),
        R("3903e7", "-1000"),
        R("f90000", "0.0"),
        R("f98000", "-0.0"),
        R("f93c00", "1.0"),
        R("fb3ff199999999999a", "1.1"),
        R("f93e00", "1.5"),
        R("f97bff", "65504.0"),
        R("fa47c35000", "100000.0"),
        R("fa7f7fffff", "3.4028234663852886e+38"),
        R("fb7e37e43c8800759c", "1.0e+300"),
        R("f90001", "5.960464477539063e-8"),
        R("f90400", "0.00006103515625"),
        R("f9c400", "-4.0"),
        R("fbc010666666666666", "-4.1"),
        R("f97c00", "Infinity"),
        R("f97e00", "NaN"),
        R("f9fc00", "-Infinity"),
        Longer("fa7f800000", "Infinity", "f97c00"),
        Longer("fa7fc00000", "NaN", "f97e00"),
        Longer("faff800000", "-Infinity", "f9fc00"),
        Longer("fb7ff0000000000000", "Infinity", "f97c00"),
        Longer("fb7ff8000000000000", "NaN", "f97e00"),
        Longer("fbfff0000000000000", "-Infinity", "f9fc00"),
        R("f4", "false"),
        R("f5", "true"),
        R("f6", "null"),
        R("f7", "undefined"),
        R("f0", "simple(16)"),
        R("f8ff", "simple(255)"),
        R("c074323031332d30332d32315432303a30343a30305a", "0(\"2013-03-21T20:04:00Z\")"),
        R("c11a514b67b0", "1(1363896240)"),
        R("c1fb41d452d9ec200000", "1(1363896240.5)"),
        R("d74401020304", "23(h'01020304')"),
        R("d818456449455446", "24(h'6449455446')"),
        R("d82076687474703a2f2f7777772e6578616d706c652e636f6d", "32(\"http://www.example.com\")"),
        R("40", "h''"),
        R("4401020304", "h'01020304'"),
        R("60", "\"\""),
        R("6161", "\"a\""),
        R("6449455446", "\"IETF\""),
        R("62225c", "\"\\\"\\\\\""),
        R("62c3bc", "\"\\u00fc\""),
        R("63e6b0b4", "\"\\u6c34\""),
        R("64f0908591", "\"\\ud800\\udd51\""),
        R("80", "[]"),
        R("83010203", "[1, 2, 3]"),
        R("8301820203820405", "[1, [2, 3], [4, 5]]"),
        R("98190102030405060708090a0b0c0d0e0f101112131415161718181819", "[" + OneTo25 + "]"),
        R("a0", "{}"),
        R("a201020304", "{1: 2, 3: 4}"),
        R("a26161016162820203", "{\"a\": 1, \"b\": [2, 3]}"),
        R("826161a161626163", "[\"a\", {\"b\": \"c\"}]"),
        R("a56161614161626142616361436164614461656145", "{\"a\": \"A\", \"b\": \"B\", \"c\": \"C\", \"d\": \"D\", \"e\": \"E\"}"),
        R("5f42010243030405ff", "(_ h'0102', h'030405')"),
        R("7f657374726561646d696e67ff", "(_ \"strea\", \"ming\")"),
        R("9fff", "[_ ]"),
        R("9f018202039f0405ffff", "[_ 1, [2, 3], [_ 4, 5]]"),
        R("9f01820203820405ff", "[_ 1, [2, 3], [4, 5]]"),
        R("83018202039f0405ff", "[1, [2, 3], [_ 4, 5]]"),
        R("83019f0203ff820405", "[1, [_ 2, 3], [4, 5]]"),
        R("9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff", "[_ " + OneTo25 + "]"),
        R("bf61610161629f0203ffff", "{_ \"a\": 1, \"b\": [_ 2, 3]}"),
        R("826161bf61626163ff", "[\"a\", {_ \"b\": \"c\"}]"),
        R("bf6346756ef563416d7421ff", "{_ \"Fun\": true, \"Amt\": -2}"),
    ];

    public static TheoryData<Row> All()
    {
        var data = new TheoryData<Row>();
        foreach (Row row in Rows)
        {
            data.Add(row);
        }

        return data;
    }
}
