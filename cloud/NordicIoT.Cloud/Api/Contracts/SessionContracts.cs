namespace NordicIoT.Cloud.Api.Contracts;

/// <summary>Body of POST /api/session: the API key to sign in with.</summary>
public sealed record SignInRequest(string? ApiKey);

/// <summary>Who is signed in: the key's id, name and role.</summary>
/// <param name="Role">viewer, operator or admin.</param>
public sealed record SessionView(string KeyId, string Name, string Role);
