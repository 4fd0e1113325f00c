using System.Text.Unicode;
using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Tests.Cbor;

/// <summary>The hand-written strict UTF-8 check agrees with .NET's validator on every 1-3 byte input and on random longer ones.</summary>
public class Utf8ValidatorTests
{
    [Fact]
    public void Every_input_of_up_to_three_bytes_is_judged_like_net()
    {
        var bytes = new byte[3];
        for (int length = 1; length <= 3; length++)
        {
            int combinations = 1 << (8 * length);
            for (int n = 0; n < combinations; n++)
            {
                for (int i = 0; i < length; i++)
                {
                    bytes[i] = (byte)(n >> (8 * i));
                }

                bool valid = Utf8.IsValid(bytes.AsSpan(0, length));
                if (valid != (Utf8Validator.FindInvalid(bytes, 0, length) < 0))
                {
                    Assert.Fail($"{Hex.Of(bytes, 0, length)}: .NET says valid={valid}");
                }
            }
        }
    }

    [Fact]
    public void Random_longer_inputs_are_judged_like_net()
    {
        var random = new Random(3629);
        var bytes = new byte[12];
        for (int i = 0; i < 1_000_000; i++)
        {
            int length = random.Next(1, bytes.Length + 1);
            for (int k = 0; k < length; k++)
            {
                // Mostly lead and continuation bytes around the interesting ranges.
                bytes[k] = random.Next(3) switch
                {
                    0 => (byte)random.Next(0x80, 0xc0),
                    1 => (byte)random.Next(0xe0, 0xf8),
                    _ => (byte)random.Next(256),
                };
            }

            bool valid = Utf8.IsValid(bytes.AsSpan(0, length));
            int invalid = Utf8Validator.FindInvalid(bytes, 0, length);
            if (valid != invalid < 0)
            {
                Assert.Fail($"{Hex.Of(bytes, 0, length)}: .NET says valid={valid}");
            }
        }
    }

    [Fact]
    public void The_first_bad_sequence_is_located()
    {
        byte[] bytes = Hex.Parse("41 c3bc e6b0b4 f0908591 ed a080 41");

        Assert.Equal(10, Utf8Validator.FindInvalid(bytes, 0, bytes.Length));
        Assert.Equal(-1, Utf8Validator.FindInvalid(bytes, 0, 10));
        Assert.Equal(10, Utf8Validator.FindInvalid(bytes, 3, 9));
    }
}
