using System.Text.Json.Nodes;
using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Tests.Messages;

public class GoldenVectorTests
{
    [Theory]
    [MemberData(nameof(GoldenVectors.ValidNames), MemberType = typeof(GoldenVectors))]
    public void Encoding_the_decoded_form_gives_exactly_the_hex(string name)
    {
        var vector = GoldenVectors.Get(name);

        var bytes = MessageJson.Encode((string)vector["message"]!, vector["decoded"]!);

        Assert.Equal((string)vector["hex"]!, Convert.ToHexStringLower(bytes));
    }

    [Theory]
    [MemberData(nameof(GoldenVectors.ValidNames), MemberType = typeof(GoldenVectors))]
    public void Decoding_the_hex_gives_the_decoded_form(string name)
    {
        var vector = GoldenVectors.Get(name);

        var decoded = MessageJson.Decode((string)vector["message"]!, Convert.FromHexString((string)vector["hex"]!));

        Assert.True(JsonNode.DeepEquals(vector["decoded"], decoded), $"expected {vector["decoded"]!.ToJsonString()}\nactual   {decoded.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(GoldenVectors.ValidNames), MemberType = typeof(GoldenVectors))]
    public void The_diagnostic_notation_matches_the_bytes(string name)
    {
        var vector = GoldenVectors.Get(name);
        var bytes = Convert.FromHexString((string)vector["hex"]!);

        Assert.Equal((string)vector["diagnostic"]!, CborDiagnostic.Format(bytes, 0, bytes.Length));
    }

    [Theory]
    [MemberData(nameof(GoldenVectors.InvalidNames), MemberType = typeof(GoldenVectors))]
    public void Invalid_vectors_fail_with_their_reason(string name)
    {
        var vector = GoldenVectors.Get(name);
        var bytes = Convert.FromHexString((string)vector["hex"]!);

        var error = Assert.Throws<WireFormatException>(() => MessageJson.Decode((string)vector["message"]!, bytes));

        Assert.Equal((string)vector["error"]!, error.Reason.ToString());
    }
}
