using System.Security.Cryptography;

namespace NordicIoT.Provisioning;

/// <summary>The release signing key kept beside the CA: release-signing.key (PKCS#8 PEM, 0600) signs firmware manifests; release-signing.pub (the 65-byte uncompressed P-256 point) goes to every device and to the cloud.</summary>
public sealed class ReleaseSigningKey(string rootDirectory)
{
    /// <summary>The private key's file name.</summary>
    public const string KeyFileName = "release-signing.key";

    /// <summary>The public key's file name (raw 0x04 || X || Y, what the device's verifier reads).</summary>
    public const string PublicKeyFileName = "release-signing.pub";

    /// <summary>The private key (PEM).</summary>
    public string KeyPath { get; } = Path.Combine(Path.GetFullPath(rootDirectory), KeyFileName);

    /// <summary>The public key (65 bytes).</summary>
    public string PublicKeyPath { get; } = Path.Combine(Path.GetFullPath(rootDirectory), PublicKeyFileName);

    /// <summary>Creates the key pair unless the private key exists (the public file is then rewritten from it); true when a new key was made.</summary>
    /// <remarks>Never replaced silently: devices trust exactly this key, and a new one would make them refuse every later release.</remarks>
    public bool Ensure()
    {
        if (File.Exists(KeyPath))
        {
            using var existing = Load();
            PemFileWriter.WritePublicBytes(PublicKeyPath, PublicPoint(existing));
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        PemFileWriter.WriteKey(KeyPath, key.ExportPkcs8PrivateKeyPem());
        PemFileWriter.WritePublicBytes(PublicKeyPath, PublicPoint(key));
        return true;
    }

    /// <summary>The private key.</summary>
    /// <exception cref="InvalidOperationException">Missing or not a P-256 key.</exception>
    public ECDsa Load() => Load(KeyPath);

    /// <summary>The private key in <paramref name="keyPath"/>.</summary>
    /// <exception cref="InvalidOperationException">Missing or not a P-256 key.</exception>
    public static ECDsa Load(string keyPath)
    {
        if (!File.Exists(keyPath))
        {
            throw new InvalidOperationException($"There is no release signing key at {Path.GetFullPath(keyPath)}: run `nordiciot provision` first.");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(keyPath));
            if (key.KeySize != 256)
            {
                throw new CryptographicException($"it is a {key.KeySize}-bit key, not P-256");
            }

            return key;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new InvalidOperationException($"{keyPath} is not an ECDSA P-256 private key in PEM: {e.Message}", e);
        }
    }

    /// <summary>The uncompressed public point of a P-256 key (65 bytes).</summary>
    public static byte[] PublicPoint(ECDsa key)
    {
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }
}
