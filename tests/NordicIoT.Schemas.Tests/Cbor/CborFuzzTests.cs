using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Tests.Cbor;

/// <summary>Random and mutated inputs (fixed seeds): the reader only ever throws WireFormatException, on every path.</summary>
public class CborFuzzTests
{
    private const int Cases = 100_000;

    [Fact]
    public void Random_bytes_only_ever_raise_wire_format_errors()
    {
        var random = new Random(20201204);
        var input = new byte[48];
        int accepted = 0;
        for (int i = 0; i < Cases; i++)
        {
            int length = random.Next(0, input.Length + 1);
            random.NextBytes(input.AsSpan(0, length));
            accepted += Check(input, length) ? 1 : 0;
        }

        // Some random inputs are well-formed (e.g. a single small integer followed by nothing).
        Assert.InRange(accepted, 1, Cases - 1);
    }

    [Fact]
    public void Mutated_appendix_a_items_only_ever_raise_wire_format_errors()
    {
        var random = new Random(8949);
        byte[][] seeds = AppendixA.Rows.Select(r => Hex.Parse(r.Hex)).ToArray();
        var input = new byte[128];
        int accepted = 0;
        for (int i = 0; i < Cases; i++)
        {
            int length = Mutate(random, seeds[random.Next(seeds.Length)], seeds[random.Next(seeds.Length)], input);
            accepted += Check(input, length) ? 1 : 0;
        }

        Assert.InRange(accepted, 1, Cases - 1);
    }

    // Runs SkipValue, the diagnostic printer and the typed-read transcoder; returns whether the input was accepted.
    private static bool Check(byte[] buffer, int length)
    {
        byte[] input = buffer.AsSpan(0, length).ToArray();
        bool skipped = Accepts(() =>
        {
            var reader = new CborReader(input, 0, input.Length);
            reader.SkipValue();
            reader.ExpectEnd();
        });
        string? diagnostic = null;
        bool printed = Accepts(() => diagnostic = CborDiagnostic.Format(input, 0, input.Length));
        bool copied = Accepts(() => Transcoder.Copy(input, joinStrings: false));

        // SkipValue does not check UTF-8, so it may accept more; the typed paths must agree with each other.
        Assert.Equal(printed, copied);
        if (printed)
        {
            Assert.True(skipped, Hex.Of(input) + " printed as " + diagnostic + " but SkipValue rejected it");
        }

        return printed;
    }

    private static bool Accepts(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (WireFormatException error)
        {
            Assert.False(string.IsNullOrEmpty(error.Message));
            return false;
        }
    }

    private static int Mutate(Random random, byte[] seed, byte[] other, byte[] output)
    {
        int length = seed.Length;
        seed.CopyTo(output, 0);
        int mutations = random.Next(1, 4);
        for (int m = 0; m < mutations; m++)
        {
            switch (random.Next(7))
            {
                case 0 when length > 0:
                    output[random.Next(length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when length > 0:
                    output[random.Next(length)] = (byte)random.Next(256);
                    break;
                case 2 when length > 0:
                    length = random.Next(length);
                    break;
                case 3 when length < output.Length - 1:
                    int at = random.Next(length + 1);
                    Array.Copy(output, at, output, at + 1, length - at);
                    output[at] = (byte)random.Next(256);
                    length++;
                    break;
                case 4 when length + other.Length <= output.Length:
                    // Splice another item in: containers get unexpected content.
                    int splice = random.Next(length + 1);
                    Array.Copy(output, splice, output, splice + other.Length, length - splice);
                    other.CopyTo(output, splice);
                    length += other.Length;
                    break;
                case 5 when length > 0:
                    // Heads are where the interesting bugs are: set a random major type / additional information.
                    int head = random.Next(length);
                    output[head] = (byte)((output[head] & 0x1f) | (random.Next(8) << 5));
                    break;
                default:
                    if (length > 0)
                    {
                        int head2 = random.Next(length);
                        output[head2] = (byte)((output[head2] & 0xe0) | random.Next(32));
                    }

                    break;
            }
        }

        return length;
    }
}
