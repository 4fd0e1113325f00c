using System.Text.Json.Nodes;

namespace NordicIoT.Cloud.Api.Contracts;

/// <summary>One device in the fleet list.</summary>
/// <param name="Status">online, stale or offline (see docs/api.md).</param>
/// <param name="ConfigState">default, pending, applied or rejected.</param>
/// <param name="Board">The board the device reported.</param>
/// <param name="Battery">Latest battery reading, volts.</param>
/// <param name="Signal">Latest signal strength reading, dBm.</param>
/// <param name="BufferFill">Flash buffer fill the device reported, percent.</param>
/// <param name="OnlineUntil">When the status turns stale unless the device is heard again (null: never heard).</param>
/// <param name="StaleUntil">When the status turns offline unless the device is heard again (null: never heard).</param>
public sealed record DeviceSummary(
    string DeviceId,
    string? Group,
    string Status,
    DateTimeOffset? LastSeen,
    string? FirmwareVersion,
    string ConfigState,
    long Version,
    string? Board,
    decimal? Battery,
    decimal? Signal,
    int? BufferFill,
    DateTimeOffset? OnlineUntil,
    DateTimeOffset? StaleUntil);

/// <summary>A page of the fleet; pass <paramref name="ContinuationToken"/> back for the next one (null on the last page).</summary>
public sealed record DeviceListPage(IReadOnlyList<DeviceSummary> Devices, string? ContinuationToken);

/// <summary>The twin of one device as the API shows it.</summary>
/// <param name="Reported">Reported state fields by name, each with the device time it was reported at.</param>
/// <param name="Latest">Latest reading of each sensor, by sensor name, in physical units.</param>
/// <param name="Desired">The configuration the cloud wants; null while the device runs the defaults.</param>
/// <param name="ConfigState">default, pending, applied or rejected.</param>
/// <param name="Pending">Fields where desired and reported differ (empty when in sync).</param>
/// <param name="Version">Twin version; also the ETag.</param>
/// <param name="OnlineUntil">When the status turns stale unless the device is heard again (null: never heard).</param>
/// <param name="StaleUntil">When the status turns offline unless the device is heard again (null: never heard).</param>
public sealed record DeviceTwinView(
    string DeviceId,
    string? Group,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSeen,
    string Status,
    long Version,
    IReadOnlyDictionary<string, ReportedFieldView> Reported,
    IReadOnlyDictionary<string, LatestReadingView> Latest,
    DesiredConfigView? Desired,
    string ConfigState,
    IReadOnlyDictionary<string, PendingDifference> Pending,
    DateTimeOffset? OnlineUntil,
    DateTimeOffset? StaleUntil);

/// <summary>One reported field: value and the device time it was reported at.</summary>
public sealed record ReportedFieldView(JsonNode? Value, DateTimeOffset ReportedAt);

/// <summary>The newest reading of one sensor.</summary>
public sealed record LatestReadingView(int SensorId, DateTimeOffset Time, IReadOnlyList<PhysicalValue> Values);

/// <summary>A value in physical units; <paramref name="Unit"/> is a SenML unit symbol (Cel, %RH, Pa, V, dBm, lat, lon, m, m/s, deg), null for application sensors.</summary>
public sealed record PhysicalValue(string Name, decimal Value, string? Unit);

/// <summary>The desired configuration: version, settings, and when it was set.</summary>
public sealed record DesiredConfigView(long Version, JsonObject Config, DateTimeOffset UpdatedAt);

/// <summary>A field whose desired value the device has not reported yet.</summary>
public sealed record PendingDifference(JsonNode? Desired, JsonNode? Reported);

/// <summary>Body of POST /api/devices.</summary>
/// <param name="DeviceId">1..64 characters of A-Z, a-z, 0-9, '_' or '-' (it becomes the MQTT topic level and certificate CN).</param>
/// <param name="Group">Optional fleet group, 1..64 characters.</param>
public sealed record RegisterDeviceRequest(string? DeviceId, string? Group);
