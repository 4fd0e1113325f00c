using System.Text.Json.Nodes;
using NordicIoT.Cloud.Api.Contracts;
using NordicIoT.Cloud.Devices;

namespace NordicIoT.Cloud.Api.Devices;

/// <summary>Compares a twin's desired configuration with what the device reported: applied once it reports the desired version, rejected when it refused that version.</summary>
public static class ConfigSync
{
    /// <summary>No configuration was ever set; the device runs the format's defaults.</summary>
    public const string Default = "default";

    /// <summary>The device has not reported the desired version yet.</summary>
    public const string Pending = "pending";

    /// <summary>The device reported the desired version as the one in effect.</summary>
    public const string Applied = "applied";

    /// <summary>The device refused the desired version and runs its previous configuration.</summary>
    public const string Rejected = "rejected";

    /// <summary>The state of the desired configuration.</summary>
    public static string StateOf(DeviceTwin twin) => twin.Desired is not { } desired
        ? Default
        : ReportedVersion(twin) == desired.Version ? Applied
        : RejectionOf(twin) is not null ? Rejected
        : Pending;

    /// <summary>Why the device refused the desired version; null when it did not.</summary>
    public static string? RejectionOf(DeviceTwin twin) =>
        twin.Desired is { } desired
        && twin.Reported.TryGetValue(ReportedFieldNames.ConfigRejection, out var field)
        && field.Value is JsonObject rejection
        && rejection["version"] is JsonValue version && version.TryGetValue<long>(out var refused) && refused == desired.Version
            ? rejection["reason"]?.GetValue<string>()
            : null;

    /// <summary>The fields where desired and reported differ; the device reports only the version it runs, so that is the one field compared.</summary>
    public static IReadOnlyDictionary<string, PendingDifference> PendingOf(DeviceTwin twin)
    {
        var pending = new Dictionary<string, PendingDifference>(StringComparer.Ordinal);
        if (twin.Desired is { } desired && ReportedVersion(twin) != desired.Version)
        {
            twin.Reported.TryGetValue(ReportedFieldNames.ConfigVersion, out var reported);
            pending[ReportedFieldNames.ConfigVersion] = new PendingDifference(JsonValue.Create(desired.Version), reported?.Value?.DeepClone());
        }

        return pending;
    }

    private static long? ReportedVersion(DeviceTwin twin) =>
        twin.Reported.TryGetValue(ReportedFieldNames.ConfigVersion, out var field) && field.Value is JsonValue value && value.TryGetValue<long>(out var version)
            ? version
            : null;
}
