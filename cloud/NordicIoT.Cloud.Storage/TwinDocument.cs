using System.Text.Json;
using NordicIoT.Cloud.Devices;

namespace NordicIoT.Cloud.Storage;

/// <summary>The part of a twin both engines keep as one JSON document; id, group, times and version live in their own columns or attributes so they can be filtered, sorted and compared.</summary>
public sealed record TwinDocument(Dictionary<string, ReportedValue> Reported, Dictionary<int, LatestReading> Latest, DesiredConfig? Desired)
{
    /// <summary>The document of <paramref name="twin"/> as JSON.</summary>
    public static string Serialize(DeviceTwin twin) =>
        JsonSerializer.Serialize(new TwinDocument(twin.Reported, twin.Latest, twin.Desired), StorageJsonContext.Default.TwinDocument);

    /// <summary>Rebuilds a twin from its stored parts.</summary>
    /// <exception cref="InvalidDataException">The stored document is not a twin document.</exception>
    public static DeviceTwin Deserialize(string json, string deviceId, DateTimeOffset createdAt, string? group, DateTimeOffset? lastSeen, long version)
    {
        TwinDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, StorageJsonContext.Default.TwinDocument);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"stored twin of device '{deviceId}' is not valid JSON: {e.Message}", e);
        }

        if (document is null)
        {
            throw new InvalidDataException($"stored twin of device '{deviceId}' is JSON null");
        }

        return new DeviceTwin
        {
            DeviceId = deviceId,
            CreatedAt = createdAt,
            Group = group,
            LastSeen = lastSeen,
            Reported = new Dictionary<string, ReportedValue>(document.Reported ?? [], StringComparer.Ordinal),
            Latest = document.Latest ?? [],
            Desired = document.Desired,
            Version = version,
        };
    }
}
