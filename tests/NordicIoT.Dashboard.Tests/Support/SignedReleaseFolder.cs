using System.Security.Cryptography;
using NordicIoT.Provisioning;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Dashboard.Tests.Support;

/// <summary>Writes a release folder as `nordiciot firmware sign` does: the files, manifest.cbor (version, targets, sizes, SHA-256) and manifest.sig (P-256, r || s).</summary>
public static class SignedReleaseFolder
{
    /// <summary>Writes the folder and returns the paths of everything in it (what a user selects for the upload).</summary>
    public static string[] Write(string folder, ReleaseSigningKey key, string version, string target, params (string Name, int Length)[] files)
    {
        Directory.CreateDirectory(folder);
        var entries = new List<FirmwareFile>();
        foreach (var (name, length) in files)
        {
            var content = new byte[length];
            new Random(length).NextBytes(content);
            File.WriteAllBytes(Path.Combine(folder, name), content);
            entries.Add(new FirmwareFile(name, length, SHA256.HashData(content)));
        }

        var buffer = new byte[FirmwareOfferCodec.MaxManifestBytes];
        var manifest = buffer[..FirmwareManifestCodec.Encode(new FirmwareManifest(version, [target], [.. entries], false), new CborWriter(buffer))];
        using var signer = key.Load();
        File.WriteAllBytes(Path.Combine(folder, "manifest.cbor"), manifest);
        File.WriteAllBytes(Path.Combine(folder, "manifest.sig"), signer.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        return Directory.GetFiles(folder);
    }
}
