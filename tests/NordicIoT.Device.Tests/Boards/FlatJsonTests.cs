using System.Collections;
using NordicIoT.Device.App.Board;

namespace NordicIoT.Device.Tests.Boards;

/// <summary>The small JSON reader the board app uses for the files provisioning writes.</summary>
public sealed class FlatJsonTests
{
    [Fact]
    public void Strings_whole_numbers_and_booleans_are_read_and_null_leaves_the_key_out()
    {
        Hashtable fields = FlatJson.Parse(" {\"a\" : \"x\",\n\t\"b\":-12 ,\"c\":true,\"d\":false,\"e\":null, \"f\": 123456789012345678}\r\n");

        Assert.Equal(5, fields.Count);
        Assert.Equal("x", fields["a"]);
        Assert.Equal(-12L, fields["b"]);
        Assert.Equal(true, fields["c"]);
        Assert.Equal(false, fields["d"]);
        Assert.False(fields.ContainsKey("e"));
        Assert.Equal(123456789012345678L, fields["f"]);
    }

    [Fact]
    public void An_empty_object_has_no_fields()
    {
        Assert.Empty(FlatJson.Parse("{}"));
    }

    [Fact]
    public void Escapes_are_decoded()
    {
        Hashtable fields = FlatJson.Parse("""{"s":"q\" b\\ s\/ \b\f\n\r\t \u00e9\u20AC"}""");

        Assert.Equal("q\" b\\ s/ \b\f\n\r\t é€", fields["s"]);
    }

    [Theory]
    [InlineData("", "expected '{' at the end")]
    [InlineData("[]", "expected '{' at character 1")]
    [InlineData("{\"a\":1} x", "nothing may follow the object at character 9")]
    [InlineData("{\"a\":1,}", "expected a quoted key at character 8")]
    [InlineData("{a:1}", "expected a quoted key at character 2")]
    [InlineData("{\"a\" 1}", "expected ':' at character 6")]
    [InlineData("{\"a\":1 \"b\":2}", "expected ',' or '}' at character 8")]
    [InlineData("{\"a\":1", "expected ',' or '}' at the end")]
    [InlineData("{\"a\":{\"b\":1}}", "nested objects and arrays are not supported at character 6")]
    [InlineData("{\"a\":[1]}", "nested objects and arrays are not supported at character 6")]
    [InlineData("{\"a\":1.5}", "only whole numbers are supported at character 7")]
    [InlineData("{\"a\":1e3}", "only whole numbers are supported at character 7")]
    [InlineData("{\"a\":-}", "expected a digit at character 7")]
    [InlineData("{\"a\":1234567890123456789}", "the number has more than 18 digits at character 6")]
    [InlineData("{\"a\":tru}", "expected true at character 6")]
    [InlineData("{\"a\":x}", "expected a value at character 6")]
    [InlineData("{\"a\":\"x}", "the string is not closed at the end")]
    [InlineData("{\"a\":\"\\x\"}", "unknown escape \\x at character 8")]
    [InlineData("{\"a\":\"\\u12G4\"}", "\\u needs four hex digits at character 11")]
    [InlineData("{\"a\":\"line\nbreak\"}", "control characters must be escaped in strings at character 11")]
    [InlineData("{\"a\":1,\"a\":2}", "key \"a\" appears twice at character 8")]
    public void Text_that_is_not_a_flat_object_is_refused_where_it_goes_wrong(string json, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => FlatJson.Parse(json));

        Assert.Equal("not a flat JSON object: " + expected, error.Message);
    }
}
