using System.Numerics;
using System.Security.Cryptography;
using NordicIoT.Device.Ota.Crypto;
using static NordicIoT.Device.Tests.Crypto.BigNumbers;

namespace NordicIoT.Device.Tests.Crypto;

public sealed class EcdsaP256VerifierTests : IDisposable
{
    private readonly ECDsa _signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly EcdsaP256Verifier _verifier = new();
    private readonly Random _random = new(41);
    private readonly byte[] _publicKey;

    public EcdsaP256VerifierTests()
    {
        _publicKey = Uncompressed(_signer);
    }

    public void Dispose() => _signer.Dispose();

    [Fact]
    public void Accepts_dotnet_signatures_on_random_messages_with_either_key_form()
    {
        ECDsa[] signers = [.. Enumerable.Range(0, 5).Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256))];
        for (int i = 0; i < 60; i++)
        {
            ECDsa signer = signers[i % signers.Length];
            byte[] publicKey = Uncompressed(signer);
            byte[] message = RandomBytes(_random.Next(0, 3000));
            byte[] signature = signer.SignData(message, HashAlgorithmName.SHA256); // IEEE P1363 r || s by default

            Assert.True(_verifier.Verify(publicKey, message, 0, message.Length, signature), $"message {i}");
            Assert.Equal(SignatureRejection.None, _verifier.LastRejection);
            Assert.True(_verifier.Verify(publicKey[1..], message, 0, message.Length, signature), $"message {i}, 64-byte key");
            Assert.True(_verifier.VerifyHash(publicKey, SHA256.HashData(message), signature));
        }

        foreach (ECDsa signer in signers)
        {
            signer.Dispose();
        }
    }

    [Fact]
    public void Verifies_the_given_range_of_the_message()
    {
        byte[] message = RandomBytes(100);
        byte[] signature = _signer.SignData(message, 10, 50, HashAlgorithmName.SHA256);
        Assert.True(_verifier.Verify(_publicKey, message, 10, 50, signature));
        Assert.False(_verifier.Verify(_publicKey, message, 10, 51, signature));
        Assert.False(_verifier.Verify(_publicKey, message, 0, 100, signature));
    }

    [Fact]
    public void Rejects_any_flipped_bit_in_message_r_s_or_key()
    {
        for (int i = 0; i < 40; i++)
        {
            byte[] message = RandomBytes(_random.Next(1, 500));
            byte[] signature = _signer.SignData(message, HashAlgorithmName.SHA256);

            byte[] badMessage = FlipRandomBit(message, 0, message.Length);
            Assert.False(_verifier.Verify(_publicKey, badMessage, 0, badMessage.Length, signature));
            Assert.Equal(SignatureRejection.Mismatch, _verifier.LastRejection);

            byte[] badR = FlipRandomBit(signature, 0, 32);
            Assert.False(_verifier.Verify(_publicKey, message, 0, message.Length, badR));
            Assert.Contains(_verifier.LastRejection, new[] { SignatureRejection.Mismatch, SignatureRejection.ROutOfRange });

            byte[] badS = FlipRandomBit(signature, 32, 32);
            Assert.False(_verifier.Verify(_publicKey, message, 0, message.Length, badS));
            Assert.Contains(_verifier.LastRejection, new[] { SignatureRejection.Mismatch, SignatureRejection.SOutOfRange });

            byte[] badKey = FlipRandomBit(_publicKey, 1, 64);
            Assert.False(_verifier.Verify(badKey, message, 0, message.Length, signature));
            Assert.Equal(SignatureRejection.PublicKeyNotOnCurve, _verifier.LastRejection);

            Assert.True(_verifier.Verify(_publicKey, message, 0, message.Length, signature));
        }
    }

    [Fact]
    public void Rejects_a_signature_by_another_key()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] message = RandomBytes(64);
        byte[] signature = other.SignData(message, HashAlgorithmName.SHA256);
        Assert.False(_verifier.Verify(_publicKey, message, 0, message.Length, signature));
        Assert.Equal(SignatureRejection.Mismatch, _verifier.LastRejection);
    }

    [Fact]
    public void Accepts_the_malleated_signature_r_and_n_minus_s_as_dotnet_does()
    {
        for (int i = 0; i < 10; i++)
        {
            byte[] message = RandomBytes(32);
            byte[] signature = _signer.SignData(message, HashAlgorithmName.SHA256);
            byte[] malleated = WithS(signature, N - FromBytes(signature.AsSpan(32)));

            Assert.True(_signer.VerifyData(message, malleated, HashAlgorithmName.SHA256), "dotnet accepts high and low s alike");
            Assert.True(_verifier.Verify(_publicKey, message, 0, message.Length, malleated));
        }
    }

    public static TheoryData<string, string, SignatureRejection> OutOfRangeValues => new()
    {
        { "r", "0", SignatureRejection.ROutOfRange },
        { "r", "n", SignatureRejection.ROutOfRange },
        { "r", "n+1", SignatureRejection.ROutOfRange },
        { "r", "p", SignatureRejection.ROutOfRange },
        { "r", "2^256-1", SignatureRejection.ROutOfRange },
        { "s", "0", SignatureRejection.SOutOfRange },
        { "s", "n", SignatureRejection.SOutOfRange },
        { "s", "n+1", SignatureRejection.SOutOfRange },
        { "s", "p", SignatureRejection.SOutOfRange },
        { "s", "2^256-1", SignatureRejection.SOutOfRange },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeValues))]
    public void Rejects_r_or_s_of_zero_or_not_below_n(string which, string value, SignatureRejection reason)
    {
        BigInteger number = value switch
        {
            "0" => 0,
            "n" => N,
            "n+1" => N + 1,
            "p" => P,
            _ => Two256 - 1,
        };
        byte[] message = RandomBytes(20);
        byte[] signature = _signer.SignData(message, HashAlgorithmName.SHA256);
        byte[] bad = which == "r" ? WithR(signature, number) : WithS(signature, number);

        Assert.False(_verifier.Verify(_publicKey, message, 0, message.Length, bad));
        Assert.Equal(reason, _verifier.LastRejection);
    }

    public static TheoryData<string> BadKeys => new()
    {
        "empty", "infinity-byte", "compressed-02", "compressed-03", "hybrid-06", "prefix-00", "63-bytes", "66-bytes",
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void Rejects_public_keys_not_in_uncompressed_form(string shape)
    {
        byte[] key = shape switch
        {
            "empty" => [],
            "infinity-byte" => [0x00],
            "compressed-02" => [0x02, .. _publicKey.AsSpan(1, 32)],
            "compressed-03" => [0x03, .. _publicKey.AsSpan(1, 32)],
            "hybrid-06" => [0x06, .. _publicKey.AsSpan(1)],
            "prefix-00" => [0x00, .. _publicKey.AsSpan(1)],
            "63-bytes" => _publicKey[1..^1],
            _ => [.. _publicKey, 0x00],
        };
        byte[] message = RandomBytes(20);
        byte[] signature = _signer.SignData(message, HashAlgorithmName.SHA256);

        Assert.False(_verifier.Verify(key, message, 0, message.Length, signature));
        Assert.Equal(SignatureRejection.PublicKeyFormat, _verifier.LastRejection);
    }

    [Fact]
    public void Rejects_public_keys_off_the_curve_including_points_of_another_curve()
    {
        byte[] message = RandomBytes(20);
        byte[] signature = _signer.SignData(message, HashAlgorithmName.SHA256);
        BigInteger x = FromBytes(_publicKey.AsSpan(1, 32)), y = FromBytes(_publicKey.AsSpan(33, 32));

        // secp256k1's generator: a valid point, but of the wrong curve (an invalid-curve attack would use such points).
        BigInteger k1x = Parse("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        BigInteger k1y = Parse("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
        (BigInteger X, BigInteger Y)[] points =
        [
            (0, 0),
            (x, Mod(y + 1, P)),
            (Mod(x + 1, P), y),
            (x, P - y + 1),
            (k1x, k1y),
            (x, P),
            (P, y),
            (Two256 - 1, Two256 - 1),
        ];
        foreach (var (px, py) in points)
        {
            byte[] key = [0x04, .. ToBytes(px), .. ToBytes(py)];
            Assert.False(_verifier.Verify(key, message, 0, message.Length, signature));
            Assert.Equal(SignatureRejection.PublicKeyNotOnCurve, _verifier.LastRejection);
        }

        // The curve's own point (x, -y) is a valid key, just not the signer's.
        byte[] negated = [0x04, .. ToBytes(x), .. ToBytes(P - y)];
        Assert.False(_verifier.Verify(negated, message, 0, message.Length, signature));
        Assert.Equal(SignatureRejection.Mismatch, _verifier.LastRejection);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(72)]
    public void Rejects_signatures_that_are_not_64_bytes(int length)
    {
        byte[] message = RandomBytes(20);
        byte[] signature = _signer.SignData(message, HashAlgorithmName.SHA256);
        byte[] bad = new byte[length];
        signature.AsSpan(0, Math.Min(length, 64)).CopyTo(bad);

        Assert.False(_verifier.Verify(_publicKey, message, 0, message.Length, bad));
        Assert.Equal(SignatureRejection.SignatureLength, _verifier.LastRejection);
    }

    [Fact]
    public void Handles_a_hash_equal_to_n_or_zero_so_that_u1_is_zero()
    {
        // e = 0 mod n makes u1 = 0: R = u2 Q alone. Signed with dotnet's SignHash on those exact hash values.
        foreach (BigInteger e in new[] { BigInteger.Zero, N, N + 1, Two256 - 1 })
        {
            byte[] hash = ToBytes(e);
            byte[] signature = _signer.SignHash(hash);
            Assert.True(_verifier.VerifyHash(_publicKey, hash, signature), $"e = {e:X}");
            hash[31] ^= 1;
            Assert.False(_verifier.VerifyHash(_publicKey, hash, signature));
        }
    }

    [Fact]
    public void Programming_errors_throw_with_a_reason()
    {
        byte[] signature = new byte[64];
        Assert.Throws<ArgumentNullException>(() => _verifier.Verify(null!, [1], 0, 1, signature));
        Assert.Throws<ArgumentNullException>(() => _verifier.Verify(_publicKey, [1], 0, 1, null!));
        Assert.Contains("outside the message", Assert.Throws<ArgumentException>(() => _verifier.Verify(_publicKey, [1], 1, 1, signature)).Message);
        Assert.Throws<ArgumentException>(() => _verifier.Verify(_publicKey, null!, 0, 0, signature));
        Assert.Throws<ArgumentException>(() => _verifier.Verify(_publicKey, [1], -1, 1, signature));
        Assert.Contains("32-byte", Assert.Throws<ArgumentException>(() => _verifier.VerifyHash(_publicKey, new byte[31], signature)).Message);
        Assert.Throws<ArgumentException>(() => _verifier.VerifyHash(_publicKey, null!, signature));
    }

    [Fact]
    public void Verifying_allocates_nothing()
    {
        byte[] message = RandomBytes(1000);
        byte[] signature = _signer.SignData(message, HashAlgorithmName.SHA256);
        byte[] hash = SHA256.HashData(message);
        byte[] wrongS = WithS(signature, 1);
        Assert.True(_verifier.Verify(_publicKey, message, 0, message.Length, signature));

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool valid = _verifier.Verify(_publicKey, message, 0, message.Length, signature);
        bool alsoValid = _verifier.VerifyHash(_publicKey, hash, signature);
        bool invalid = _verifier.VerifyHash(_publicKey, hash, wrongS);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(valid && alsoValid && !invalid);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_verify_costs_what_the_readme_estimate_assumes()
    {
        // The operation counts behind the device-time estimate in the README; they vary a little with the number of
        // nonzero NAF digits of u1 and u2, so check them against bounds derived from the method:
        // 256 doublings (3M + 5S each), about 256/6 mixed additions for G (7M + 4S) and as many full additions for Q
        // (11M + 5S), plus the table of Q (one doubling, seven additions) and the final check (2M + 1S).
        var counts = new List<(int M, int S, int A, int I, int ScalarInversions)>();
        for (int i = 0; i < 30; i++)
        {
            byte[] message = RandomBytes(32);
            byte[] signature = _signer.SignData(message, HashAlgorithmName.SHA256);
            _verifier.Field.ResetCounts();
            _verifier.Scalars.ResetCounts();
            Assert.True(_verifier.Verify(_publicKey, message, 0, message.Length, signature));
            counts.Add((_verifier.Field.Multiplications, _verifier.Field.Squarings, _verifier.Field.Additions, _verifier.Field.Inversions, _verifier.Scalars.Inversions));
        }

        Assert.All(counts, c =>
        {
            Assert.Equal(0, c.I); // no inversion mod p per verify
            Assert.Equal(1, c.ScalarInversions);
            Assert.InRange(c.M, 1450, 1800); // about 768 + 43 * 7 + 43 * 11 + 80 + 4 = 1626
            Assert.InRange(c.S, 1600, 1800); // about 1280 + 43 * 4 + 43 * 5 + 40 + 3 = 1710
        });
    }

    private static byte[] Uncompressed(ECDsa key)
    {
        ECParameters parameters = key.ExportParameters(includePrivateParameters: false);
        return [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private byte[] FlipRandomBit(byte[] source, int start, int length)
    {
        byte[] copy = (byte[])source.Clone();
        int bit = _random.Next(length * 8);
        copy[start + bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    private static byte[] WithR(byte[] signature, BigInteger r) => [.. ToBytes(r), .. signature.AsSpan(32, 32)];

    private static byte[] WithS(byte[] signature, BigInteger s) => [.. signature.AsSpan(0, 32), .. ToBytes(s)];
}
