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
    public static string Of(DeviceTwin twin, DateTimeOffset now)
    {
        if (twin.LastSeen is not { } seen)
        {
            return Offline;
        }

        var interval = TimeSpan.FromSeconds(ConfigJson.UplinkIntervalOf(twin.Desired?.Config));
        var silent = now - seen;
        return silent <= interval * 2 + Grace ? Online : silent <= interval * 6 ? Stale : Offline;
    }
}
