namespace NordicIoT.Cloud.Api.Contracts;

/// <summary>Body of POST /api/keys.</summary>
/// <param name="Name">Who or what uses the key, 1..64 characters.</param>
/// <param name="Role">viewer, operator or admin.</param>
public sealed record CreateKeyRequest(string? Name, string? Role);

/// <summary>A key just created: <paramref name="Key"/> is shown only in this answer.</summary>
public sealed record CreatedKey(string Id, string Name, string Role, DateTimeOffset CreatedAt, string Key);

/// <summary>A stored key, without its secret.</summary>
public sealed record ApiKeyView(string Id, string Name, string Role, DateTimeOffset CreatedAt);
