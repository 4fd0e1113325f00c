using System.Security.Cryptography;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Ota;

/// <summary>A release as the cloud would offer it: files, a manifest signed with a P-256 release key (IEEE P1363 r || s), and offers for rollouts.</summary>
internal sealed class SignedRelease
{
    public SignedRelease(ReleaseKey key, string version, string[] targets, (string Name, byte[] Content)[] files, bool allowDowngrade = false)
    {
        Version = version;
        Files = files;
        var entries = files.Select(f => new FirmwareFile(f.Name, f.Content.Length, SHA256.HashData(f.Content))).ToArray();
        Manifest = Encode(w => FirmwareManifestCodec.Encode(new FirmwareManifest(version, targets, entries, allowDowngrade), w));
        Signature = key.Sign(Manifest);
    }

    public string Version { get; }

    public (string Name, byte[] Content)[] Files { get; }

    public byte[] Manifest { get; }

    public byte[] Signature { get; set; }

    /// <summary>Bytes of all files.</summary>
    public long Size => Files.Sum(f => (long)f.Content.Length);

    /// <summary>A release of <paramref name="fileSizes"/> random files named app-N.pe.</summary>
    public static SignedRelease Random(ReleaseKey key, string version, string board, int seed, params int[] fileSizes)
    {
        var random = new Random(seed);
        var files = fileSizes.Select((size, i) =>
        {
            var content = new byte[size];
            random.NextBytes(content);
            return ($"app-{i}.pe", content);
        }).ToArray();
        return new SignedRelease(key, version, [board], files);
    }

    /// <summary>The offer CBOR for rollout <paramref name="rolloutId"/>, downloading from <paramref name="baseUrl"/> with <paramref name="token"/>.</summary>
    public byte[] Offer(long rolloutId, string baseUrl, string token) =>
        Encode(w => FirmwareOfferCodec.Encode(new FirmwareOffer(rolloutId, Manifest, Signature, baseUrl, token), w));

    /// <summary>Puts the files on <paramref name="server"/>.</summary>
    public void Publish(RangeFileServer server)
    {
        foreach (var (name, content) in Files)
        {
            server.Add(name, content);
        }
    }

    private static byte[] Encode(Func<CborWriter, int> write)
    {
        var buffer = new byte[16 * 1024];
        int length = write(new CborWriter(buffer));
        return buffer[..length];
    }
}

/// <summary>A release signing key pair (P-256), as `nordiciot provision` would make one.</summary>
internal sealed class ReleaseKey
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The public key as the device stores it: 65 bytes 04 || X || Y.</summary>
    public byte[] PublicPoint
    {
        get
        {
            ECParameters p = _key.ExportParameters(false);
            return [0x04, .. p.Q.X!, .. p.Q.Y!];
        }
    }

    public byte[] SubjectPublicKeyInfo => _key.ExportSubjectPublicKeyInfo();

    public string SubjectPublicKeyInfoPem => _key.ExportSubjectPublicKeyInfoPem();

    public byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
}
