namespace NordicIoT.Cloud.Firmware;

/// <summary>A signed firmware release as stored: what the manifest says, the manifest and signature exactly as uploaded, and where it is in its life.</summary>
/// <param name="Id">Opaque id (32 hex digits), part of the download URLs.</param>
/// <param name="Version">Application version (semantic version) from the manifest.</param>
/// <param name="Targets">Board targets (nanoff target names) from the manifest.</param>
/// <param name="Files">The application files with size and SHA-256, in manifest order.</param>
/// <param name="AllowDowngrade">The manifest lets the release replace a newer version.</param>
/// <param name="Manifest">The manifest CBOR exactly as signed; offers carry these bytes.</param>
/// <param name="Signature">ECDSA P-256 / SHA-256 signature over <paramref name="Manifest"/>, r || s (64 bytes).</param>
public sealed record Release(
    string Id,
    string Version,
    IReadOnlyList<string> Targets,
    IReadOnlyList<ReleaseFile> Files,
    bool AllowDowngrade,
    byte[] Manifest,
    byte[] Signature,
    ReleaseStatus Status,
    DateTimeOffset CreatedAt)
{
    /// <summary>The file called <paramref name="name"/>, or null.</summary>
    public ReleaseFile? File(string name) => Files.FirstOrDefault(f => f.Name == name);

    /// <summary>Sum of the file sizes, bytes.</summary>
    public long TotalBytes => Files.Sum(f => f.Size);
}

/// <summary>One application file of a release.</summary>
/// <param name="Sha256">SHA-256 of the content (32 bytes).</param>
public sealed record ReleaseFile(string Name, long Size, byte[] Sha256);

/// <summary>Where a release is in its life.</summary>
public enum ReleaseStatus
{
    /// <summary>Every file is stored and verified; rollouts may use it.</summary>
    Ready = 0,

    /// <summary>Being deleted: never offered again; a delete that stopped half way is finished by deleting again.</summary>
    Deleting = 1,
}
