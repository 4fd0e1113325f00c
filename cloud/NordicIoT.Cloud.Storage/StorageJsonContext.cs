using System.Text.Json.Serialization;

namespace NordicIoT.Cloud.Storage;

/// <summary>Source-generated JSON for stored documents, so the engines stay trimming- and AOT-clean.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TwinDocument))]
public sealed partial class StorageJsonContext : JsonSerializerContext;
