using System.Net.Http.Headers;
using System.Security.Cryptography;
using NordicIoT.Cloud.Firmware;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Tests.Support;

/// <summary>A release as `nordiciot firmware sign` makes it: files, the manifest CBOR, and its signature; with ways to spoil each part and send it as the API's multipart upload.</summary>
public sealed class SignedRelease
{
    /// <summary>The board target the tests' releases name (a built-in board profile's).</summary>
    public const string Target = "ESP32_PSRAM_REV0";

    /// <summary>Signs a release of <paramref name="version"/> holding <paramref name="files"/> with <paramref name="key"/>.</summary>
    public SignedRelease(ECDsa key, string version, IReadOnlyDictionary<string, byte[]> files, string[]? targets = null, bool allowDowngrade = false)
    {
        Files = new Dictionary<string, byte[]>(files, StringComparer.Ordinal);
        var manifest = new FirmwareManifest(version, targets ?? [Target],
            [.. files.Select(f => new FirmwareFile(f.Key, f.Value.Length, SHA256.HashData(f.Value)))], allowDowngrade);
        var buffer = new byte[4096];
        Manifest = buffer[..FirmwareManifestCodec.Encode(manifest, new CborWriter(buffer))];
        Signature = key.SignData(Manifest, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public Dictionary<string, byte[]> Files { get; }

    public byte[] Manifest { get; set; }

    public byte[]? Signature { get; set; }

    /// <summary>A new P-256 key.</summary>
    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The public key as the cloud is configured with it (130 hex digits).</summary>
    public static string PublicKeyHex(ECDsa key) => Convert.ToHexString(ReleasePublicKey.PointOf(key));

    /// <summary>A file of <paramref name="length"/> pseudo-random bytes (the same for the same seed).</summary>
    public static byte[] Content(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The multipart upload: manifest, signature (when there is one), then every file (or the given ones) in order.</summary>
    public MultipartFormDataContent Multipart(string manifestType = "application/cbor", string fileType = "application/octet-stream", IEnumerable<string>? only = null)
    {
        var form = new MultipartFormDataContent();
        form.Add(Part(Manifest, manifestType), "manifest");
        if (Signature is not null)
        {
            form.Add(Part(Signature, "application/octet-stream"), "signature");
        }

        foreach (var name in only ?? Files.Keys)
        {
            form.Add(Part(Files[name], fileType), "file", name);
        }

        return form;
    }

    private static ByteArrayContent Part(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }
}
