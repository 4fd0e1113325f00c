using NordicIoT.Cloud.Api.Config;
using NordicIoT.Cloud.Devices;

namespace NordicIoT.Cloud.Api.Devices;

/// <summary>Decides online / stale / offline from how long a device has been silent, measured in its uplink interval (desired, or the default 900 s).</summary>
/// <remarks>Online: heard within two intervals plus a minute (one missed uplink is normal). Stale: within six. Offline: longer, or never heard.</remarks>
public static class DeviceStatusRules
{
    /// <summary>The device uplinks as expected.</summary>
    public const string Online = "online";

    /// <summary>The device missed several uplinks.</summary>
    public const string Stale = "stale";

    /// <summary>The device has been silent for long, or was never heard from.</summary>
    public const string Offline = "offline";

    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>The status of <paramref name="twin"/> at <paramref name="now"/>.</summary>
    public static string Of(DeviceTwin twin, DateTimeOffset now) =>
        OnlineUntil(twin) is not { } online || StaleUntil(twin) is not { } stale ? Offline
        : now <= online ? Online
        : now <= stale ? Stale
        : Offline;

    /// <summary>Until when the device counts as online without being heard again; null when it was never heard.</summary>
    /// <remarks>With this and <see cref="StaleUntil"/> a live page moves a silent device to stale and offline on time without asking again.</remarks>
    public static DateTimeOffset? OnlineUntil(DeviceTwin twin) => twin.LastSeen + (Interval(twin) * 2) + Grace;

    /// <summary>Until when the device counts as stale; after that it is offline. Null when it was never heard.</summary>
    public static DateTimeOffset? StaleUntil(DeviceTwin twin) => twin.LastSeen + (Interval(twin) * 6);

    private static TimeSpan Interval(DeviceTwin twin) => TimeSpan.FromSeconds(ConfigJson.UplinkIntervalOf(twin.Desired?.Config));
}
