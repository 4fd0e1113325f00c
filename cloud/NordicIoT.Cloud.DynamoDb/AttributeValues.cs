using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace NordicIoT.Cloud.DynamoDb;

/// <summary>Builds and reads the attribute values the engine stores; a missing or mistyped stored attribute is reported by name.</summary>
internal static class AttributeValues
{
    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue B(byte[] value) => new() { B = new MemoryStream(value, writable: false) };

    public static string GetString(Dictionary<string, AttributeValue> item, string name) =>
        Get(item, name).S ?? throw Mistyped(name, "a string");

    public static string? GetOptionalString(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out AttributeValue? value) ? value.S ?? throw Mistyped(name, "a string") : null;

    public static long GetLong(Dictionary<string, AttributeValue> item, string name) =>
        long.TryParse(Get(item, name).N, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ? value : throw Mistyped(name, "a whole number");

    public static byte[] GetBytes(Dictionary<string, AttributeValue> item, string name) =>
        Get(item, name).B?.ToArray() ?? throw Mistyped(name, "binary");

    private static AttributeValue Get(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out AttributeValue? value) ? value : throw new InvalidDataException($"stored item lacks attribute '{name}'");

    private static InvalidDataException Mistyped(string name, string expected) => new($"stored attribute '{name}' is not {expected}");
}
