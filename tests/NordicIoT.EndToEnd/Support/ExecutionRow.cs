using System.Text.Json;

namespace NordicIoT.EndToEnd.Support;

/// <summary>The fields of an execution the tests look at.</summary>
public sealed record ExecutionRow(string DeviceId, string Status, string? Step, int? Percent, string? Reason, DateTimeOffset? EndedAt)
{
    /// <summary>Reads one element of the API's execution page.</summary>
    public static ExecutionRow From(JsonElement e) => new(
        e.GetProperty("deviceId").GetString()!,
        e.GetProperty("status").GetString()!,
        Text(e, "step"),
        e.TryGetProperty("percent", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null,
        Text(e, "reason"),
        e.TryGetProperty("endedAt", out var t) && t.ValueKind == JsonValueKind.String ? t.GetDateTimeOffset() : null);

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
