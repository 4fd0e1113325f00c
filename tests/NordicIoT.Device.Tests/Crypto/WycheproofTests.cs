using System.Text.Json;
using NordicIoT.Device.Ota.Crypto;

namespace NordicIoT.Device.Tests.Crypto;

/// <summary>Project Wycheproof's P-256/SHA-256/P1363 verification vectors (see TestVectors/README.md).</summary>
public sealed class WycheproofTests
{
    private static readonly Lazy<IReadOnlyList<Vector>> Vectors = new(Load);

    public static TheoryData<int> TestIds => new(Vectors.Value.Select(v => v.Id));

    [Fact]
    public void The_file_is_the_one_described_in_its_readme()
    {
        Assert.Equal(262, Vectors.Value.Count);
        Assert.Equal(173, Vectors.Value.Count(v => v.Result == "valid"));
        Assert.Equal(89, Vectors.Value.Count(v => v.Result == "invalid"));
    }

    [Theory]
    [MemberData(nameof(TestIds))]
    public void Valid_vectors_verify_and_invalid_ones_do_not(int id)
    {
        Vector v = Vectors.Value.Single(v => v.Id == id);
        var verifier = new EcdsaP256Verifier();
        bool verified = verifier.Verify(v.PublicKey, v.Message, 0, v.Message.Length, v.Signature);
        string what = $"tcId {v.Id} ({v.Comment}; {string.Join(", ", v.Flags)})";
        switch (v.Result)
        {
            case "valid":
                Assert.True(verified, what + " must verify: " + verifier.LastRejection);
                break;
            case "invalid":
            case "acceptable": // strict: see TestVectors/README.md
                Assert.False(verified, what + " must be rejected");
                break;
            default:
                Assert.Fail(what + ": unknown result " + v.Result);
                break;
        }
    }

    [Fact]
    public void The_special_cases_are_rejected_for_the_right_reason()
    {
        var verifier = new EcdsaP256Verifier();
        SignatureRejection ReasonFor(string comment)
        {
            Vector v = Vectors.Value.First(v => v.Comment == comment);
            Assert.False(verifier.Verify(v.PublicKey, v.Message, 0, v.Message.Length, v.Signature));
            return verifier.LastRejection;
        }

        Assert.Equal(SignatureRejection.ROutOfRange, ReasonFor("Signature with special case values r=0 and s=1"));
        Assert.Equal(SignatureRejection.SOutOfRange, ReasonFor("Signature with special case values r=1 and s=0"));
        Assert.Equal(SignatureRejection.ROutOfRange, ReasonFor("Signature with special case values r=n and s=1"));
        Assert.Equal(SignatureRejection.SOutOfRange, ReasonFor("Signature with special case values r=1 and s=n"));
        Assert.Equal(SignatureRejection.ROutOfRange, ReasonFor("Signature with special case values r=p and s=1"));
        Assert.Equal(SignatureRejection.SOutOfRange, ReasonFor("Signature with special case values r=n - 1 and s=p"));
        Assert.Equal(SignatureRejection.SignatureLength, ReasonFor("replaced r by r + n"));
    }

    private static IReadOnlyList<Vector> Load()
    {
        string path = Path.Combine(RepositoryRoot(), "tests", "NordicIoT.Device.Tests", "Crypto", "TestVectors", "ecdsa_secp256r1_sha256_p1363_test.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        var vectors = new List<Vector>();
        foreach (JsonElement group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            Assert.Equal("SHA-256", group.GetProperty("sha").GetString());
            byte[] key = Convert.FromHexString(group.GetProperty("publicKey").GetProperty("uncompressed").GetString()!);
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                vectors.Add(new Vector(
                    test.GetProperty("tcId").GetInt32(),
                    test.GetProperty("comment").GetString()!,
                    [.. test.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)],
                    key,
                    Convert.FromHexString(test.GetProperty("msg").GetString()!),
                    Convert.FromHexString(test.GetProperty("sig").GetString()!),
                    test.GetProperty("result").GetString()!));
            }
        }

        return vectors;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NordicIoT.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No NordicIoT.sln above {AppContext.BaseDirectory}");
    }

    private sealed record Vector(int Id, string Comment, string[] Flags, byte[] PublicKey, byte[] Message, byte[] Signature, string Result);
}
