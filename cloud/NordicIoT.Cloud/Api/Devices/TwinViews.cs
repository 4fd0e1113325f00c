using NordicIoT.Cloud.Api.Contracts;
using NordicIoT.Cloud.Api.Readings;
using NordicIoT.Cloud.Devices;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Api.Devices;

/// <summary>Maps stored twins to what the API shows.</summary>
public static class TwinViews
{
    /// <summary>The full twin view.</summary>
    public static DeviceTwinView Full(DeviceTwin twin, DateTimeOffset now) => new(
        twin.DeviceId,
        twin.Group,
        twin.CreatedAt,
        twin.LastSeen,
        DeviceStatusRules.Of(twin, now),
        twin.Version,
        twin.Reported.OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(f => f.Key, f => new ReportedFieldView(f.Value.Value?.DeepClone(), f.Value.ReportedAt), StringComparer.Ordinal),
        twin.Latest.OrderBy(l => l.Key)
            .ToDictionary(l => SensorKind.Name(l.Key), l => new LatestReadingView(l.Key, l.Value.Time, PhysicalValues.Of(l.Key, l.Value.Values)), StringComparer.Ordinal),
        twin.Desired is { } desired ? new DesiredConfigView(desired.Version, desired.Config.DeepClone().AsObject(), desired.UpdatedAt) : null,
        ConfigSync.StateOf(twin),
        ConfigSync.PendingOf(twin));

    /// <summary>The one-line view in the fleet list.</summary>
    public static DeviceSummary Summary(DeviceTwin twin, DateTimeOffset now) => new(
        twin.DeviceId,
        twin.Group,
        DeviceStatusRules.Of(twin, now),
        twin.LastSeen,
        twin.Reported.TryGetValue(ReportedFieldNames.FirmwareVersion, out var firmware) ? firmware.Value?.GetValue<string>() : null,
        ConfigSync.StateOf(twin),
        twin.Version);
}
