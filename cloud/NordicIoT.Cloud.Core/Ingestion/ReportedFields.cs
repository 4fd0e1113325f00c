using System.Text.Json.Nodes;
using NordicIoT.Cloud.Devices;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Ingestion;

/// <summary>Turns the present fields of a state report into the twin's named JSON values (see <see cref="ReportedFieldNames"/>).</summary>
public static class ReportedFields
{
    /// <summary>Names of the network links (state key 13) by wire value.</summary>
    public static readonly IReadOnlyList<string> NetworkNames = ["wifi", "lte-m", "nb-iot"];

    /// <summary>Each present field except the report time and latest values (those are merged separately) as name and value.</summary>
    public static IEnumerable<KeyValuePair<string, JsonNode?>> Of(StateReport report)
    {
        if (report.Has(StateField.FirmwareVersion))
        {
            yield return Field(ReportedFieldNames.FirmwareVersion, JsonValue.Create(report.FirmwareVersion));
        }

        if (report.Has(StateField.Board))
        {
            yield return Field(ReportedFieldNames.Board, JsonValue.Create(report.Board));
        }

        if (report.Has(StateField.Uptime))
        {
            yield return Field(ReportedFieldNames.Uptime, JsonValue.Create(report.Uptime));
        }

        if (report.Has(StateField.FreeHeap))
        {
            yield return Field(ReportedFieldNames.FreeHeap, JsonValue.Create(report.FreeHeap));
        }

        if (report.Has(StateField.Buffered))
        {
            yield return Field(ReportedFieldNames.Buffered, JsonValue.Create(report.Buffered));
        }

        if (report.Has(StateField.BufferFill))
        {
            yield return Field(ReportedFieldNames.BufferFill, JsonValue.Create(report.BufferFill));
        }

        if (report.Has(StateField.Dropped))
        {
            yield return Field(ReportedFieldNames.Dropped, JsonValue.Create(report.Dropped));
        }

        if (report.Has(StateField.ConfigVersion))
        {
            yield return Field(ReportedFieldNames.ConfigVersion, JsonValue.Create(report.ConfigVersion));
        }

        if (report.Has(StateField.ConfigRejection))
        {
            yield return Field(ReportedFieldNames.ConfigRejection, new JsonObject
            {
                ["version"] = report.RejectedConfigVersion,
                ["reason"] = report.RejectionReason,
            });
        }

        if (report.Has(StateField.Ota))
        {
            yield return Field(ReportedFieldNames.Ota, Ota(report.Ota));
        }

        if (report.Has(StateField.Network))
        {
            yield return Field(ReportedFieldNames.Network, JsonValue.Create(NetworkNames[report.Network]));
        }
    }

    /// <summary>The API name of an OTA status ("downloading" ... "rejected").</summary>
    public static string OtaStatusName(OtaStatus status) => status switch
    {
        OtaStatus.Downloading => "downloading",
        OtaStatus.Downloaded => "downloaded",
        OtaStatus.Verified => "verified",
        OtaStatus.Installing => "installing",
        OtaStatus.Rebooting => "rebooting",
        OtaStatus.Succeeded => "succeeded",
        OtaStatus.Failed => "failed",
        OtaStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not an OTA status of the wire format"),
    };

    private static JsonObject Ota(OtaProgress ota)
    {
        var json = new JsonObject
        {
            ["rolloutId"] = ota.RolloutId,
            ["status"] = OtaStatusName(ota.Status),
        };
        if (ota.Percent >= 0)
        {
            json["percent"] = ota.Percent;
        }

        if (ota.Reason is not null)
        {
            json["reason"] = ota.Reason;
        }

        if (ota.Version is not null)
        {
            json["version"] = ota.Version;
        }

        return json;
    }

    private static KeyValuePair<string, JsonNode?> Field(string name, JsonNode? value) => new(name, value);
}
