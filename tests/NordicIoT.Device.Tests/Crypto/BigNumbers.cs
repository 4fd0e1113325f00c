using System.Globalization;
using System.Numerics;
using NordicIoT.Device.Ota.Crypto;

namespace NordicIoT.Device.Tests.Crypto;

/// <summary>Conversions between the device's eight-limb values and BigInteger, the reference the tests compare against.</summary>
internal static class BigNumbers
{
    public static readonly BigInteger P = Parse("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
    public static readonly BigInteger N = Parse("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    public static readonly BigInteger Two256 = BigInteger.One << 256;

    public static BigInteger Parse(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static BigInteger ToBig(uint[] limbs)
    {
        Assert.Equal(UInt256.Limbs, limbs.Length);
        BigInteger value = BigInteger.Zero;
        for (int i = UInt256.Limbs - 1; i >= 0; i--)
        {
            value = (value << 32) | limbs[i];
        }

        return value;
    }

    public static uint[] ToLimbs(BigInteger value)
    {
        Assert.InRange(value.Sign, 0, 1);
        Assert.True(value < Two256, "value does not fit 256 bits");
        var limbs = new uint[UInt256.Limbs];
        for (int i = 0; i < UInt256.Limbs; i++)
        {
            limbs[i] = (uint)(value & uint.MaxValue);
            value >>= 32;
        }

        return limbs;
    }

    /// <summary>32 big-endian bytes, the form in keys, hashes and signatures.</summary>
    public static byte[] ToBytes(BigInteger value)
    {
        Assert.InRange(value.Sign, 0, 1);
        byte[] bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.True(bytes.Length <= 32, "value does not fit 32 bytes");
        var padded = new byte[32];
        bytes.CopyTo(padded, 32 - bytes.Length);
        return padded;
    }

    public static BigInteger FromBytes(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    public static BigInteger Mod(BigInteger value, BigInteger modulus)
    {
        BigInteger r = value % modulus;
        return r.Sign < 0 ? r + modulus : r;
    }

    /// <summary>A value in [0, bound), with a bias towards the extremes (all-zero and all-one limbs) that catch carry bugs.</summary>
    public static BigInteger Below(Random random, BigInteger bound)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        int shape = random.Next(8);
        if (shape == 0)
        {
            // Limbs of all ones or all zeros.
            for (int i = 0; i < 32; i += 4)
            {
                byte fill = random.Next(2) == 0 ? (byte)0 : (byte)0xFF;
                bytes.AsSpan(i, 4).Fill(fill);
            }
        }

        BigInteger value = FromBytes(bytes);
        if (shape == 1)
        {
            value = bound - 1 - (value % 1000);
        }
        else if (shape == 2)
        {
            value %= 1000;
        }

        return Mod(value, bound);
    }
}
