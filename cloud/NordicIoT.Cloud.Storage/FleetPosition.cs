using System.Buffers.Text;
using System.Globalization;
using System.Text;
using NordicIoT.Cloud.Devices;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Storage;

/// <summary>Where a fleet page ended: the last device's sort key and id. Pages are keyset pages, so devices added or changed between requests never shift later pages.</summary>
/// <param name="SeenKey">The last device's <see cref="SeenKeyOf"/> (0 for <see cref="DeviceSort.Id"/>).</param>
public sealed record FleetPosition(DeviceSort Sort, long SeenKey, string DeviceId)
{
    /// <summary>Sort key of a last-seen time: UTC ticks, or -1 for never seen (ticks are never negative), so "never seen" sorts last newest-first and first oldest-first.</summary>
    public static long SeenKeyOf(DateTimeOffset? lastSeen) => lastSeen is { } time ? StoredTime.ToTicks(time) : -1;

    /// <summary>The last-seen time a sort key stands for.</summary>
    public static DateTimeOffset? LastSeenOf(long seenKey) => seenKey < 0 ? null : StoredTime.FromTicks(seenKey);

    /// <summary>The position just after <paramref name="twin"/> in <paramref name="sort"/> order.</summary>
    public static FleetPosition After(DeviceTwin twin, DeviceSort sort) =>
        new(sort, sort == DeviceSort.Id ? 0 : SeenKeyOf(twin.LastSeen), twin.DeviceId);

    /// <summary>The opaque continuation token for this position.</summary>
    public string ToToken()
    {
        string text = string.Create(CultureInfo.InvariantCulture, $"{(int)Sort}:{SeenKey}:{DeviceId}");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Reads a token made by <see cref="ToToken"/> for a query sorted by <paramref name="sort"/>.</summary>
    /// <exception cref="ArgumentException">The token is malformed or belongs to another sort order.</exception>
    public static FleetPosition FromToken(string token, DeviceSort sort)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split(':');
        }
        catch (FormatException)
        {
            throw Invalid();
        }

        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int tokenSort)
            || tokenSort != (int)sort
            || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seenKey)
            || seenKey < -1
            || !Topics.IsValidDeviceId(parts[2]))
        {
            throw Invalid();
        }

        return new FleetPosition(sort, seenKey, parts[2]);

        static ArgumentException Invalid() =>
            new("continuation token is not one this device list issued for the same sort order; start again without a token", nameof(DeviceQuery.ContinuationToken));
    }
}
