using NordicIoT.Cloud.Devices;

namespace NordicIoT.Cloud.DynamoDb;

/// <summary>One device as the fleet scan sees it: enough to filter, sort and page.</summary>
/// <param name="SeenKey">Last-seen sort key (see FleetPosition.SeenKeyOf).</param>
internal sealed record FleetEntry(string DeviceId, long SeenKey);

/// <summary>The device list orders in memory, the same as the SQLite engine's ORDER BY: the sort key, then the id ascending.</summary>
internal sealed class FleetOrder(DeviceSort sort) : IComparer<FleetEntry>
{
    public int Compare(FleetEntry? x, FleetEntry? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int byKey = sort switch
        {
            DeviceSort.Id => 0,
            DeviceSort.LastSeenNewest => y.SeenKey.CompareTo(x.SeenKey),
            _ => x.SeenKey.CompareTo(y.SeenKey),
        };
        return byKey != 0 ? byKey : string.CompareOrdinal(x.DeviceId, y.DeviceId);
    }
}
