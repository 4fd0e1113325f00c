namespace NordicIoT.Schemas.Tests.Cbor;

/// <summary>Hex strings in test data, spaces allowed.</summary>
internal static class Hex
{
    public static byte[] Parse(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    public static string Of(byte[] bytes, int offset, int length) =>
        Convert.ToHexString(bytes, offset, length).ToLowerInvariant();

    public static string Of(byte[] bytes) => Of(bytes, 0, bytes.Length);
}
