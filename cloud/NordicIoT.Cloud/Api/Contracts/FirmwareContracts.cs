namespace NordicIoT.Cloud.Api.Contracts;

/// <summary>A release as the API shows it.</summary>
/// <param name="Status">"ready" or "deleting".</param>
/// <param name="ManifestSha256">SHA-256 of the signed manifest (hex), to compare with the signed release folder.</param>
public sealed record ReleaseView(
    string Id, string Version, IReadOnlyList<string> Targets, IReadOnlyList<ReleaseFileView> Files, bool AllowDowngrade, string Status, DateTimeOffset CreatedAt, string ManifestSha256);

/// <summary>One file of a release.</summary>
/// <param name="Sha256">Hex.</param>
public sealed record ReleaseFileView(string Name, long Size, string Sha256);
