using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cli.Firmware;

/// <summary>A signed release on disk: manifest.cbor, manifest.sig (64 bytes, r || s) and the files the manifest lists, all in one folder.</summary>
public sealed class ReleaseFolder
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestFileName = "manifest.cbor";

    /// <summary>The signature's file name.</summary>
    public const string SignatureFileName = "manifest.sig";

    private ReleaseFolder(string path, byte[] manifestBytes, byte[] signature, FirmwareManifest manifest)
    {
        Path = path;
        ManifestBytes = manifestBytes;
        Signature = signature;
        Manifest = manifest;
    }

    public string Path { get; }

    public byte[] ManifestBytes { get; }

    public byte[] Signature { get; }

    public FirmwareManifest Manifest { get; }

    /// <summary>Path of a file of the release.</summary>
    public string FilePath(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Reads a folder `nordiciot firmware sign` made.</summary>
    /// <exception cref="InvalidDataException">Something is missing or the manifest is not valid.</exception>
    public static ReleaseFolder Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var manifestPath = System.IO.Path.Combine(full, ManifestFileName);
        var signaturePath = System.IO.Path.Combine(full, SignatureFileName);
        if (!File.Exists(manifestPath) || !File.Exists(signaturePath))
        {
            throw new InvalidDataException($"{full} is not a signed release folder: it needs {ManifestFileName} and {SignatureFileName} (make one with `nordiciot firmware sign`).");
        }

        var bytes = File.ReadAllBytes(manifestPath);
        FirmwareManifest manifest;
        try
        {
            manifest = FirmwareManifestCodec.Decode(new CborReader(bytes, 0, bytes.Length));
        }
        catch (WireFormatException e)
        {
            throw new InvalidDataException($"{manifestPath} is not a valid manifest: {e.Message}", e);
        }

        var folder = new ReleaseFolder(full, bytes, File.ReadAllBytes(signaturePath), manifest);
        foreach (var file in manifest.Files)
        {
            if (!File.Exists(folder.FilePath(file.Name)))
            {
                throw new InvalidDataException($"The manifest lists {file.Name}, which is not in {full}.");
            }
        }

        return folder;
    }
}
