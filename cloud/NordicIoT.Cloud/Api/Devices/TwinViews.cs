using System.Text.Json.Nodes;
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
        ConfigSync.PendingOf(twin),
        DeviceStatusRules.OnlineUntil(twin),
        DeviceStatusRules.StaleUntil(twin));

    /// <summary>The one-line view in the fleet list.</summary>
    public static DeviceSummary Summary(DeviceTwin twin, DateTimeOffset now) => new(
        twin.DeviceId,
        twin.Group,
        DeviceStatusRules.Of(twin, now),
        twin.LastSeen,
        ReportedString(twin, ReportedFieldNames.FirmwareVersion),
        ConfigSync.StateOf(twin),
        twin.Version,
        ReportedString(twin, ReportedFieldNames.Board),
        LatestValue(twin, SensorKind.Battery),
        LatestValue(twin, SensorKind.Signal),
        twin.Reported.TryGetValue(ReportedFieldNames.BufferFill, out var fill) && fill.Value is JsonValue percent && percent.TryGetValue<int>(out var p) ? p : null,
        DeviceStatusRules.OnlineUntil(twin),
        DeviceStatusRules.StaleUntil(twin));

    private static string? ReportedString(DeviceTwin twin, string field) =>
        twin.Reported.TryGetValue(field, out var reported) && reported.Value is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // The first value of a one-value sensor's latest reading, in physical units.
    private static decimal? LatestValue(DeviceTwin twin, int sensor) =>
        twin.Latest.TryGetValue(sensor, out var latest) && latest.Values.Length > 0 ? PhysicalValues.Of(sensor, latest.Values)[0].Value : null;
}
