using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Tests.Messages;

/// <summary>Random and mutated payloads through every message decoder: only a WireFormatException may come out, and
/// what a decode allocates stays proportional to the input, whatever lengths the input declares.</summary>
public class HostileInputTests
{
    private const int Cases = 120_000;
    private static readonly string[] Kinds = ["batch", "state", "config", "manifest", "offer"];

    [Fact]
    public void Mutations_of_valid_messages_and_random_bytes_only_raise_wire_format_errors()
    {
        var random = new Random(20261122);
        var seeds = GoldenVectors.Valid.Select(v => Convert.FromHexString((string)v["hex"]!)).ToArray();
        int rejected = 0;
        long worstAllocationPerInputByte = 0;

        for (int i = 0; i < Cases; i++)
        {
            byte[] input = i % 4 == 0 ? RandomBytes(random) : Mutate(seeds[random.Next(seeds.Length)], random);
            string kind = Kinds[random.Next(Kinds.Length)];

            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                MessageJson.DecodeOnly(kind, input);
            }
            catch (WireFormatException e)
            {
                Assert.InRange(e.Offset, 0, input.Length);
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"{kind} decoder threw {e.GetType().Name} for {Convert.ToHexString(input)}: {e.Message}");
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            worstAllocationPerInputByte = Math.Max(worstAllocationPerInputByte, allocated / (input.Length + 1));
        }

        Assert.True(rejected > Cases / 2, $"only {rejected} of {Cases} hostile inputs were rejected: the generator is too tame");
        // A decoder that believed a declared length would allocate megabytes here; strings and byte arrays taken
        // from the input cost a small multiple of its length, plus the exception text.
        Assert.True(worstAllocationPerInputByte < 4096, $"a decode allocated {worstAllocationPerInputByte} bytes per input byte");
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits; e++)
        {
            int at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0 when bytes.Count > 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1 when bytes.Count > 0: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.Insert(at, (byte)random.Next(256)); break;
                case 3 when bytes.Count > 0: bytes.RemoveAt(at); break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                default:
                    // Interesting heads: huge lengths, indefinite starts, breaks, reserved values.
                    byte[] heads = [0x9b, 0x5b, 0x7b, 0xbb, 0x9f, 0xbf, 0x5f, 0xff, 0x1c, 0xf8, 0xc6, 0x1b];
                    bytes.Insert(at, heads[random.Next(heads.Length)]);
                    break;
            }
        }

        return [.. bytes];
    }
}
