using System.Security.Cryptography;

namespace NordicIoT.Cloud.Firmware;

/// <summary>The release signing key's public half, which devices also hold: an uncompressed P-256 point (0x04 || X || Y, 65 bytes).</summary>
public sealed class ReleasePublicKey : IDisposable
{
    /// <summary>Length of the encoded point.</summary>
    public const int Length = 65;

    /// <summary>Length of a signature, r || s.</summary>
    public const int SignatureLength = 64;

    private readonly ECDsa _key;

    private ReleasePublicKey(ECDsa key, byte[] point)
    {
        _key = key;
        Point = point;
    }

    /// <summary>The encoded point.</summary>
    public byte[] Point { get; }

    /// <summary>Reads an uncompressed point.</summary>
    /// <exception cref="FormatException">Not 65 bytes starting with 0x04, or not a point on P-256.</exception>
    public static ReleasePublicKey FromPoint(byte[] point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (point.Length != Length || point[0] != 0x04)
        {
            throw new FormatException($"a release public key is {Length} bytes, 0x04 || X || Y (an uncompressed P-256 point); this is {point.Length} bytes starting 0x{(point.Length > 0 ? point[0] : 0):X2}");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportParameters(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..] },
            });
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new FormatException($"the release public key is not a point on P-256: {e.Message}", e);
        }

        return new ReleasePublicKey(key, (byte[])point.Clone());
    }

    /// <summary>The public point of a P-256 key.</summary>
    public static byte[] PointOf(ECDsa key)
    {
        ECParameters parameters = key.ExportParameters(includePrivateParameters: false);
        return [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
    }

    /// <summary>True when <paramref name="signature"/> (r || s) is this key's ECDSA/SHA-256 signature over <paramref name="data"/>.</summary>
    public bool Verify(byte[] data, byte[] signature) =>
        signature.Length == SignatureLength
        && _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => _key.Dispose();
}
