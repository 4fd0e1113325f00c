using System.Security.Cryptography;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Firmware;

/// <summary>One release upload, all or nothing: the signed manifest is checked first, each file is checked against it before it is staged, and only a complete release is moved into place and recorded. Disposing an upload that was not committed removes every file it stored.</summary>
/// <remarks>Files are held in memory while they are checked (at most <see cref="ReleasePolicy.MaxFileBytes"/> each), so a file that fails its check is never written anywhere.</remarks>
public sealed class ReleaseUpload(IReleaseStore releases, IFirmwareFileStore files, ReleasePolicy policy, TimeProvider time) : IAsyncDisposable
{
    private readonly string _uploadId = FirmwareFileNames.NewId(time.GetUtcNow());
    private readonly HashSet<string> _received = new(StringComparer.Ordinal);
    private byte[]? _manifestBytes;
    private byte[]? _signature;
    private FirmwareManifest? _manifest;
    private SemanticVersion? _version;
    private bool _staged;
    private string? _promotedTo;
    private bool _committed;

    /// <summary>True once the manifest and signature were accepted.</summary>
    public bool HasManifest => _manifest is not null;

    /// <summary>Checks the signature, then the manifest: version, targets, file names and sizes, and that the version is new.</summary>
    /// <exception cref="ReleaseRejectedException">Any check failed.</exception>
    public async Task AcceptManifestAsync(byte[] manifest, byte[]? signature, CancellationToken cancellationToken)
    {
        if (_manifest is not null)
        {
            throw new ReleaseRejectedException(ReleaseRejection.BadLayout, "The upload has a second manifest; send one manifest, one signature, then the files.");
        }

        if (signature is null || signature.Length == 0)
        {
            throw new ReleaseRejectedException(ReleaseRejection.Unsigned, "The release is not signed: send the manifest's signature (part 'signature', made by `nordiciot firmware sign`).");
        }

        if (signature.Length != ReleasePublicKey.SignatureLength || !policy.PublicKey.Verify(manifest, signature))
        {
            throw new ReleaseRejectedException(ReleaseRejection.BadSignature,
                signature.Length != ReleasePublicKey.SignatureLength
                    ? $"The signature is {signature.Length} bytes; an ECDSA P-256 signature is {ReleasePublicKey.SignatureLength} bytes (r || s)."
                    : "The signature does not verify with the release public key: the manifest was changed after signing, or it was signed with another key.");
        }

        FirmwareManifest decoded;
        try
        {
            decoded = FirmwareManifestCodec.Decode(new CborReader(manifest, 0, manifest.Length));
        }
        catch (WireFormatException e)
        {
            throw new ReleaseRejectedException(ReleaseRejection.MalformedManifest, $"The manifest is not valid: {e.Message}");
        }

        if (!SemanticVersion.TryParse(decoded.Version, out var version, out var problem))
        {
            throw new ReleaseRejectedException(ReleaseRejection.InvalidVersion, $"The manifest's version '{decoded.Version}' is not a semantic version: {problem}.");
        }

        var unknown = decoded.Targets.Where(t => !policy.KnownTargets.Contains(t)).ToList();
        if (unknown.Count > 0)
        {
            throw new ReleaseRejectedException(ReleaseRejection.UnknownTarget,
                $"Unknown board target(s) {string.Join(", ", unknown)}; known: {string.Join(", ", policy.KnownTargets.Order(StringComparer.Ordinal))}.");
        }

        CheckFiles(decoded);
        if (await releases.FindByVersionAsync(version.Text, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            throw new ReleaseRejectedException(ReleaseRejection.DuplicateVersion, $"Version {existing.Version} exists already (release {existing.Id}); release a new version.");
        }

        _manifestBytes = manifest;
        _signature = signature;
        _manifest = decoded;
        _version = version;
    }

    /// <summary>Reads one file, checks its size and SHA-256 against the manifest, and stages it.</summary>
    /// <exception cref="ReleaseRejectedException">No manifest yet, a name the manifest does not list, or a size or hash mismatch.</exception>
    public async Task AddFileAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        if (_manifest is null)
        {
            throw new ReleaseRejectedException(ReleaseRejection.BadLayout, "Files came before the manifest and signature; send those two parts first.");
        }

        var expected = _manifest.Files.FirstOrDefault(f => f.Name == name);
        if (expected is null || !_received.Add(name))
        {
            throw new ReleaseRejectedException(ReleaseRejection.UnexpectedFile,
                expected is null ? $"File '{name}' is not in the manifest." : $"File '{name}' was sent twice.");
        }

        var bytes = await ReadExactlyAsync(name, content, expected.Size, cancellationToken).ConfigureAwait(false);
        if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(expected.Sha256))
        {
            throw new ReleaseRejectedException(ReleaseRejection.HashMismatch,
                $"File '{name}' has SHA-256 {Convert.ToHexStringLower(SHA256.HashData(bytes))}, the manifest says {Convert.ToHexStringLower(expected.Sha256)}.");
        }

        _staged = true;
        using var stream = new MemoryStream(bytes, writable: false);
        await files.StageAsync(_uploadId, name, stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves the verified files into place and records the release.</summary>
    /// <exception cref="ReleaseRejectedException">A file is missing, or another upload took the version meanwhile.</exception>
    public async Task<Release> CommitAsync(CancellationToken cancellationToken)
    {
        if (_manifest is null)
        {
            throw new ReleaseRejectedException(ReleaseRejection.Unsigned, "The upload has no manifest and signature.");
        }

        var missing = _manifest.Files.Where(f => !_received.Contains(f.Name)).Select(f => f.Name).ToList();
        if (missing.Count > 0)
        {
            throw new ReleaseRejectedException(ReleaseRejection.MissingFile, $"The manifest lists file(s) that were not sent: {string.Join(", ", missing)}.");
        }

        var now = time.GetUtcNow();
        var release = new Release(
            FirmwareFileNames.NewId(now),
            _version!.Text,
            [.. _manifest.Targets],
            [.. _manifest.Files.Select(f => new ReleaseFile(f.Name, f.Size, f.Sha256))],
            _manifest.AllowDowngrade,
            _manifestBytes!,
            _signature!,
            ReleaseStatus.Ready,
            now);
        _promotedTo = release.Id;
        await files.PromoteAsync(_uploadId, release.Id, cancellationToken).ConfigureAwait(false);
        if (!await releases.TryAddAsync(release, cancellationToken).ConfigureAwait(false))
        {
            throw new ReleaseRejectedException(ReleaseRejection.DuplicateVersion, $"Version {release.Version} was released by another upload meanwhile.");
        }

        _committed = true;
        return release;
    }

    /// <summary>Removes everything an uncommitted upload stored.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_committed)
        {
            return;
        }

        // Cleanup runs even when the request was cancelled: nothing half-stored may stay.
        if (_staged)
        {
            await files.DiscardStagedAsync(_uploadId, CancellationToken.None).ConfigureAwait(false);
        }

        if (_promotedTo is not null)
        {
            await files.DeleteReleaseAsync(_promotedTo, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private void CheckFiles(FirmwareManifest manifest)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (!FirmwareFileNames.IsValid(file.Name))
            {
                throw new ReleaseRejectedException(ReleaseRejection.MalformedManifest,
                    $"File name '{file.Name}' is not allowed: 1..{FirmwareFileNames.MaxLength} of A-Z, a-z, 0-9, '.', '_', '-', starting with a letter or digit (it becomes part of the download URL).");
            }

            if (!names.Add(file.Name))
            {
                throw new ReleaseRejectedException(ReleaseRejection.MalformedManifest, $"The manifest lists file '{file.Name}' twice.");
            }

            if (file.Size > policy.MaxFileBytes)
            {
                throw new ReleaseRejectedException(ReleaseRejection.FileTooLarge,
                    $"File '{file.Name}' is {file.Size} bytes; at most {policy.MaxFileBytes} are accepted per file (Firmware:MaxFileBytes).");
            }
        }
    }

    // Reads exactly the manifest's size and checks nothing follows, without ever buffering more than that.
    private static async Task<byte[]> ReadExactlyAsync(string name, Stream content, long size, CancellationToken cancellationToken)
    {
        var bytes = new byte[size];
        int read = await content.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < bytes.Length)
        {
            throw new ReleaseRejectedException(ReleaseRejection.SizeMismatch, $"File '{name}' is {read} bytes, the manifest says {size}.");
        }

        var probe = new byte[1];
        if (await content.ReadAsync(probe, cancellationToken).ConfigureAwait(false) > 0)
        {
            throw new ReleaseRejectedException(ReleaseRejection.SizeMismatch, $"File '{name}' is longer than the {size} bytes the manifest says.");
        }

        return bytes;
    }
}
