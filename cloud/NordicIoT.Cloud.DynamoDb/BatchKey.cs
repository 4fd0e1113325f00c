using System.Globalization;
using System.Security.Cryptography;

namespace NordicIoT.Cloud.DynamoDb;

/// <summary>The sort key of a stored batch: its first reading time, zero-padded so keys sort by time, then a hash of the payload so a redelivered batch lands on the same item.</summary>
internal static class BatchKey
{
    // Reading times are below 2^40 s (the decoder's bound), 13 decimal digits.
    private const string TimeFormat = "D13";

    // 64 bits of SHA-256: distinct batches starting in the same second collide with negligible probability.
    private const int HashBytes = 8;

    /// <summary>The key of a batch whose first reading is at <paramref name="firstTime"/> and whose CBOR is <paramref name="payload"/>.</summary>
    public static string Of(long firstTime, ReadOnlySpan<byte> payload)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(payload, hash);
        return TimePrefix(firstTime) + "#" + Convert.ToHexStringLower(hash[..HashBytes]);
    }

    /// <summary>The lowest key of batches starting at <paramref name="time"/> or later.</summary>
    public static string LowestFrom(long time) => TimePrefix(time);

    /// <summary>A key above every batch starting at <paramref name="time"/> or earlier ('~' sorts after '#' and every hex digit).</summary>
    public static string HighestAt(long time) => TimePrefix(time) + "~";

    private static string TimePrefix(long time) => time.ToString(TimeFormat, CultureInfo.InvariantCulture);
}
