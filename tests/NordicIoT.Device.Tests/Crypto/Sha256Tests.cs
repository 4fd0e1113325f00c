using System.Text;
using NordicIoT.Device.Ota.Crypto;
using HostSha256 = System.Security.Cryptography.SHA256;

namespace NordicIoT.Device.Tests.Crypto;

public sealed class Sha256Tests
{
    // The examples of FIPS 180-2 appendix B (and the empty message).
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData(
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
    public void Matches_the_published_examples(string message, string expectedHex)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(message);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(Hash(bytes, 0, bytes.Length)));
    }

    [Fact]
    public void Hashes_one_million_a_fed_in_uneven_pieces()
    {
        byte[] chunk = Encoding.ASCII.GetBytes(new string('a', 997));
        var sha = new Sha256();
        int left = 1_000_000;
        while (left > 0)
        {
            int take = Math.Min(left, chunk.Length);
            sha.Update(chunk, 0, take);
            left -= take;
        }

        var digest = new byte[32];
        sha.Final(digest, 0);
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Matches_dotnet_on_random_inputs_in_one_piece_and_in_random_fragments()
    {
        var random = new Random(20260601);
        var sha = new Sha256();
        var digest = new byte[32 + 5];
        for (int trial = 0; trial < 300; trial++)
        {
            int length = trial < 200 ? random.Next(0, 10_001) : random.Next(0, 200);
            var data = new byte[length + 7];
            random.NextBytes(data);
            int offset = random.Next(0, 8);
            byte[] expected = HostSha256.HashData(data.AsSpan(offset, length));

            sha.Update(data, offset, length);
            sha.Final(digest, 5);
            Assert.Equal(expected, digest[5..]);

            // The same input streamed: fragments of 0 to 150 bytes, crossing block edges at every alignment.
            int fed = 0;
            while (fed < length)
            {
                int fragment = Math.Min(length - fed, random.Next(0, 151));
                sha.Update(data, offset + fed, fragment);
                fed += fragment;
            }

            sha.Final(digest, 0);
            Assert.Equal(expected, digest[..32]);
        }
    }

    [Fact]
    public void Every_length_around_the_padding_boundaries_matches_dotnet()
    {
        var data = new byte[200];
        new Random(5).NextBytes(data);
        for (int length = 0; length <= data.Length; length++)
        {
            Assert.Equal(HostSha256.HashData(data.AsSpan(0, length)), Hash(data, 0, length));
        }
    }

    [Fact]
    public void Reset_discards_what_was_fed()
    {
        var sha = new Sha256();
        byte[] junk = Encoding.ASCII.GetBytes("not part of the message");
        sha.Update(junk, 0, junk.Length);
        sha.Reset();
        byte[] abc = Encoding.ASCII.GetBytes("abc");
        sha.Update(abc, 0, abc.Length);
        var digest = new byte[32];
        sha.Final(digest, 0);
        Assert.Equal(HostSha256.HashData(abc), digest);
    }

    [Fact]
    public void Bad_ranges_are_errors_that_say_so()
    {
        var sha = new Sha256();
        var ex = Assert.Throws<ArgumentException>(() => sha.Update(new byte[10], 8, 3));
        Assert.Contains("outside the data", ex.Message);
        Assert.Throws<ArgumentException>(() => sha.Update(new byte[10], -1, 1));
        Assert.Throws<ArgumentException>(() => sha.Update(new byte[10], 0, -1));
        Assert.Throws<ArgumentException>(() => sha.Update(null!, 0, 0));
        Assert.Throws<ArgumentException>(() => sha.Final(new byte[31], 0));
        Assert.Throws<ArgumentException>(() => sha.Final(new byte[40], 9));
        Assert.Throws<ArgumentException>(() => sha.Final(null!, 0));
    }

    [Fact]
    public void Hashing_allocates_nothing()
    {
        var sha = new Sha256();
        var data = new byte[5000];
        var digest = new byte[32];
        sha.Update(data, 0, data.Length);
        sha.Final(digest, 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        sha.Update(data, 3, 4000);
        sha.Update(data, 10, 77);
        sha.Final(digest, 0);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static byte[] Hash(byte[] data, int offset, int count)
    {
        var sha = new Sha256();
        sha.Update(data, offset, count);
        var digest = new byte[32];
        sha.Final(digest, 0);
        return digest;
    }
}
