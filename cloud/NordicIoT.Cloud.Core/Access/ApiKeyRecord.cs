namespace NordicIoT.Cloud.Access;

/// <summary>A stored API key: never the key itself, only its SHA-256 hash.</summary>
/// <param name="Id">Public id, also the key's visible prefix.</param>
/// <param name="Hash">Lower-case hex SHA-256 of the whole key.</param>
public sealed record ApiKeyRecord(string Id, string Name, ApiRole Role, string Hash, DateTimeOffset CreatedAt);
