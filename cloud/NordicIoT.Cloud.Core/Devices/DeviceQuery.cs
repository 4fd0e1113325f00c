namespace NordicIoT.Cloud.Devices;

/// <summary>A page request over the fleet.</summary>
/// <param name="Search">Substring of the device id, case-insensitive; null for all.</param>
/// <param name="Group">Only devices of this group; null for all.</param>
/// <param name="Sort">Order of the page.</param>
/// <param name="PageSize">At most this many devices (1..500).</param>
/// <param name="ContinuationToken">Opaque token from the previous page, or null for the first.</param>
public sealed record DeviceQuery(string? Search, string? Group, DeviceSort Sort, int PageSize, string? ContinuationToken);

/// <summary>Orders of the device list.</summary>
public enum DeviceSort
{
    /// <summary>By device id.</summary>
    Id,

    /// <summary>Most recently seen first; never-seen devices last.</summary>
    LastSeenNewest,

    /// <summary>Least recently seen first (the stalest devices); never-seen devices first.</summary>
    LastSeenOldest,
}

/// <summary>One page of devices and the token for the next page (null on the last page).</summary>
public sealed record DevicePage(IReadOnlyList<DeviceTwin> Devices, string? ContinuationToken);
