using System.Numerics;
using NordicIoT.Device.Ota.Crypto;
using static NordicIoT.Device.Tests.Crypto.BigNumbers;

namespace NordicIoT.Device.Tests.Crypto;

public sealed class WnafTests
{
    [Fact]
    public void Digits_are_odd_and_small_and_sparse_and_add_up_to_the_scalar()
    {
        var random = new Random(31);
        BigInteger[] scalars = [0, 1, 15, 16, 31, N - 1, Two256 - 1 - (1 << (Wnaf.Width - 1)), .. Enumerable.Range(0, 500).Select(_ => Below(random, Two256 - 16))];
        var digits = new sbyte[Wnaf.MaxDigits];
        foreach (BigInteger k in scalars)
        {
            uint[] limbs = ToLimbs(k);
            int count = Wnaf.Recode(limbs, digits);
            Assert.True(UInt256.IsZero(limbs), "the scalar is consumed");
            Assert.InRange(count, 0, Wnaf.MaxDigits);

            BigInteger sum = 0;
            int lastNonzero = -Wnaf.Width;
            for (int i = 0; i < count; i++)
            {
                int d = digits[i];
                sum += d * (BigInteger.One << i);
                if (d != 0)
                {
                    Assert.True(d % 2 != 0, $"digit {d} is even");
                    Assert.InRange(Math.Abs(d), 1, (1 << (Wnaf.Width - 1)) - 1);
                    Assert.True(i - lastNonzero >= Wnaf.Width, "nonzero digits closer than w");
                    lastNonzero = i;
                }
            }

            Assert.Equal(k, sum);
            Assert.True(count == 0 || digits[count - 1] != 0, "no leading zero digit");
        }
    }
}
