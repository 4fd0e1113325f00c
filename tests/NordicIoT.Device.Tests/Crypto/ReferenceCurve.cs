using System.Numerics;
using static NordicIoT.Device.Tests.Crypto.BigNumbers;

namespace NordicIoT.Device.Tests.Crypto;

/// <summary>Textbook affine P-256 arithmetic on BigInteger: slow and obviously right, the reference for the device code.</summary>
internal static class ReferenceCurve
{
    public static readonly BigInteger B = Parse("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");
    public static readonly (BigInteger X, BigInteger Y) G = (
        Parse("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"),
        Parse("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"));

    /// <summary>Null stands for the point at infinity.</summary>
    public static (BigInteger X, BigInteger Y)? Add((BigInteger X, BigInteger Y)? p, (BigInteger X, BigInteger Y)? q)
    {
        if (p is null)
        {
            return q;
        }

        if (q is null)
        {
            return p;
        }

        var (x1, y1) = p.Value;
        var (x2, y2) = q.Value;
        BigInteger slope;
        if (x1 == x2)
        {
            if (Mod(y1 + y2, P).IsZero)
            {
                return null;
            }

            slope = Mod((3 * x1 * x1 - 3) * Inverse(2 * y1), P);
        }
        else
        {
            slope = Mod((y2 - y1) * Inverse(x2 - x1), P);
        }

        BigInteger x3 = Mod(slope * slope - x1 - x2, P);
        return (x3, Mod(slope * (x1 - x3) - y1, P));
    }

    public static (BigInteger X, BigInteger Y)? Negate((BigInteger X, BigInteger Y)? p) =>
        p is null ? null : (p.Value.X, Mod(-p.Value.Y, P));

    public static (BigInteger X, BigInteger Y)? Multiply(BigInteger k, (BigInteger X, BigInteger Y)? p)
    {
        (BigInteger X, BigInteger Y)? result = null;
        for (int bit = (int)k.GetBitLength() - 1; bit >= 0; bit--)
        {
            result = Add(result, result);
            if (!(k >> bit).IsEven)
            {
                result = Add(result, p);
            }
        }

        return result;
    }

    public static bool IsOnCurve(BigInteger x, BigInteger y) => Mod(y * y - (x * x * x - 3 * x + B), P).IsZero;

    private static BigInteger Inverse(BigInteger a) => BigInteger.ModPow(Mod(a, P), P - 2, P);
}
