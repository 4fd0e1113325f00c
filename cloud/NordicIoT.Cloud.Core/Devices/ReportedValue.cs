using System.Text.Json.Nodes;

namespace NordicIoT.Cloud.Devices;

/// <summary>One reported state field: its value (JSON) and the device time of the report that carried it.</summary>
public sealed record ReportedValue(JsonNode? Value, DateTimeOffset ReportedAt);
