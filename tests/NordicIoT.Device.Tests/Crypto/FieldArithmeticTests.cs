using System.Numerics;
using NordicIoT.Device.Ota.Crypto;
using static NordicIoT.Device.Tests.Crypto.BigNumbers;

namespace NordicIoT.Device.Tests.Crypto;

public sealed class FieldArithmeticTests
{
    private static readonly BigInteger[] EdgeValues = [0, 1, 2, 3];

    public static TheoryData<string> Fields => new() { "p", "n" };

    [Fact]
    public void The_moduli_are_p_and_n()
    {
        Assert.Equal(P, ToBig(new P256Field().Modulus));
        Assert.Equal(N, ToBig(new P256ScalarField().Modulus));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Multiplication_matches_BigInteger(string which)
    {
        var random = new Random(which == "p" ? 11 : 12);
        (PrimeField field, BigInteger m, MultiplyFunction multiply) = Create(which);
        foreach ((BigInteger a, BigInteger b) in Pairs(random, m, 3000))
        {
            var result = new uint[8];
            multiply(field, ToLimbs(a), ToLimbs(b), result);
            Assert.Equal((a * b) % m, ToBig(result));
        }
    }

    [Fact]
    public void The_scalar_product_reduces_a_left_operand_of_n_or_more()
    {
        var scalars = new P256ScalarField();
        var random = new Random(18);
        foreach (BigInteger a in new[] { N, N + 1, Two256 - 1, Two256 - 1 - random.Next() })
        {
            BigInteger b = Below(random, N);
            var result = new uint[8];
            scalars.Multiply(ToLimbs(a), ToLimbs(b), result);
            Assert.Equal((a * b) % N, ToBig(result));
        }
    }

    [Fact]
    public void Squaring_matches_BigInteger_and_the_product_with_itself()
    {
        var random = new Random(13);
        var field = new P256Field();
        foreach ((BigInteger a, _) in Pairs(random, P, 3000))
        {
            var square = new uint[8];
            field.Square(ToLimbs(a), square);
            Assert.Equal((a * a) % P, ToBig(square));
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Addition_subtraction_and_negation_match_BigInteger(string which)
    {
        var random = new Random(which == "p" ? 14 : 15);
        (PrimeField field, BigInteger m, _) = Create(which);
        foreach ((BigInteger a, BigInteger b) in Pairs(random, m, 3000))
        {
            var result = new uint[8];
            field.Add(ToLimbs(a), ToLimbs(b), result);
            Assert.Equal((a + b) % m, ToBig(result));
            field.Subtract(ToLimbs(a), ToLimbs(b), result);
            Assert.Equal(Mod(a - b, m), ToBig(result));
            field.Negate(ToLimbs(a), result);
            Assert.Equal(Mod(-a, m), ToBig(result));
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Inversion_matches_BigInteger(string which)
    {
        var random = new Random(which == "p" ? 16 : 17);
        (PrimeField field, BigInteger m, _) = Create(which);
        foreach ((BigInteger a, _) in Pairs(random, m, 400))
        {
            if (a.IsZero)
            {
                continue;
            }

            var inverse = new uint[8];
            field.Invert(ToLimbs(a), inverse);
            Assert.Equal(BigInteger.ModPow(a, m - 2, m), ToBig(inverse));
        }
    }

    [Fact]
    public void Zero_and_unreduced_values_have_no_inverse()
    {
        var ex = Assert.Throws<ArgumentException>(() => new P256Field().Invert(new uint[8], new uint[8]));
        Assert.Contains("zero", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new P256ScalarField().Invert(ToLimbs(N), new uint[8]));
        Assert.Contains("not reduced", ex.Message);
    }

    [Fact]
    public void Results_may_overwrite_their_operands()
    {
        var field = new P256Field();
        BigInteger a = P - 5, b = P - 7;
        uint[] x = ToLimbs(a);
        field.Multiply(x, x, x);
        Assert.Equal((a * a) % P, ToBig(x));

        uint[] y = ToLimbs(b);
        field.Square(y, y);
        Assert.Equal((b * b) % P, ToBig(y));

        uint[] z = ToLimbs(a), w = ToLimbs(b);
        field.Subtract(z, w, w);
        Assert.Equal(Mod(a - b, P), ToBig(w));
        field.Invert(z, z);
        Assert.Equal(BigInteger.ModPow(a, P - 2, P), ToBig(z));

        var scalars = new P256ScalarField();
        uint[] s = ToLimbs(N - 2);
        scalars.Multiply(s, s, s);
        Assert.Equal(4, ToBig(s));
    }

    [Fact]
    public void Operations_are_counted()
    {
        var field = new P256Field();
        uint[] a = ToLimbs(12345), r = new uint[8];
        field.Multiply(a, a, r);
        field.Multiply(a, a, r);
        field.Square(a, r);
        field.Add(a, a, r);
        field.Subtract(a, a, r);
        field.Invert(a, r);
        Assert.Equal((2, 1, 2, 1), (field.Multiplications, field.Squarings, field.Additions, field.Inversions));
        field.ResetCounts();
        Assert.Equal((0, 0, 0, 0), (field.Multiplications, field.Squarings, field.Additions, field.Inversions));
    }

    private delegate void MultiplyFunction(PrimeField field, uint[] a, uint[] b, uint[] result);

    private static (PrimeField Field, BigInteger Modulus, MultiplyFunction Multiply) Create(string which) => which == "p"
        ? (new P256Field(), P, (f, a, b, r) => ((P256Field)f).Multiply(a, b, r))
        : (new P256ScalarField(), N, (f, a, b, r) => ((P256ScalarField)f).Multiply(a, b, r));

    /// <summary>Every pair of edge values (0..3 and m-4..m-1), then random pairs biased towards extreme limbs.</summary>
    private static IEnumerable<(BigInteger A, BigInteger B)> Pairs(Random random, BigInteger m, int count)
    {
        BigInteger[] edges = [.. EdgeValues, .. EdgeValues.Select(v => m - 1 - v)];
        foreach (BigInteger a in edges)
        {
            foreach (BigInteger b in edges)
            {
                yield return (a, b);
            }
        }

        for (int i = 0; i < count; i++)
        {
            yield return (Below(random, m), Below(random, m));
        }
    }
}
