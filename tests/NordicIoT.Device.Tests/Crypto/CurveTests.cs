using System.Numerics;
using System.Security.Cryptography;
using NordicIoT.Device.Ota.Crypto;
using static NordicIoT.Device.Tests.Crypto.BigNumbers;
using Point = (System.Numerics.BigInteger X, System.Numerics.BigInteger Y)?;

namespace NordicIoT.Device.Tests.Crypto;

public sealed class CurveTests
{
    private readonly P256Curve _curve = new(new P256Field());
    private readonly Random _random = new(21);

    [Fact]
    public void The_curve_constants_are_those_of_dotnets_nistP256()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ECParameters explicitParameters = ecdsa.ExportExplicitParameters(includePrivateParameters: false);
        ECCurve curve = explicitParameters.Curve;
        Assert.Equal(P, FromBytes(curve.Prime));
        Assert.Equal(N, FromBytes(curve.Order));
        Assert.Equal(ReferenceCurve.B, FromBytes(curve.B));
        Assert.Equal(P - 3, FromBytes(curve.A));

        var g = new AffinePoint();
        P256Curve.SetGenerator(g);
        Assert.Equal(FromBytes(curve.G.X), ToBig(g.X));
        Assert.Equal(FromBytes(curve.G.Y), ToBig(g.Y));
        Assert.Equal(ReferenceCurve.G, (ToBig(g.X), ToBig(g.Y)));
        Assert.Equal(ReferenceCurve.B, ToBig(P256Curve.B));
        Assert.Equal(N, ToBig(P256ScalarField.Order));
    }

    [Fact]
    public void The_reference_arithmetic_agrees_with_dotnet_key_generation()
    {
        for (int i = 0; i < 5; i++)
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            ECParameters key = ecdsa.ExportParameters(includePrivateParameters: true);
            Point q = ReferenceCurve.Multiply(FromBytes(key.D), ReferenceCurve.G);
            Assert.Equal((FromBytes(key.Q.X), FromBytes(key.Q.Y)), q);
        }
    }

    [Fact]
    public void Points_on_the_curve_pass_and_others_fail()
    {
        for (int i = 0; i < 50; i++)
        {
            var (x, y) = RandomPoint()!.Value;
            Assert.True(_curve.IsOnCurve(ToLimbs(x), ToLimbs(y)));
            Assert.False(_curve.IsOnCurve(ToLimbs(x), ToLimbs(Mod(y + 1, P))));
            Assert.False(_curve.IsOnCurve(ToLimbs(Mod(x + 1, P)), ToLimbs(y)));
        }

        Assert.False(_curve.IsOnCurve(new uint[8], new uint[8]));

        // Coordinates must be field elements: x + p names the same residue as x but is not a valid encoding.
        var (x0, y0) = PointWithSmallX();
        Assert.True(_curve.IsOnCurve(ToLimbs(x0), ToLimbs(y0)));
        Assert.False(_curve.IsOnCurve(ToLimbs(x0 + P), ToLimbs(y0)));
        Assert.False(_curve.IsOnCurve(ToLimbs(x0), ToLimbs(P)));
    }

    [Fact]
    public void Doubling_matches_the_reference_whatever_the_Z()
    {
        for (int i = 0; i < 200; i++)
        {
            Point p = RandomPoint();
            JacobianPoint j = ToJacobian(p);
            _curve.Double(j, j);
            Assert.Equal(ReferenceCurve.Add(p, p), ToAffine(j));
        }

        JacobianPoint infinity = ToJacobian(null);
        _curve.Double(infinity, infinity);
        Assert.True(infinity.IsInfinity);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Jacobian_addition_and_subtraction_match_the_reference(bool subtract)
    {
        foreach ((Point p, Point q) in PointPairs())
        {
            Point expected = ReferenceCurve.Add(p, subtract ? ReferenceCurve.Negate(q) : q);
            JacobianPoint sum = ToJacobian(p);
            _curve.Add(sum, ToJacobian(q), subtract, sum);
            Assert.Equal(expected, ToAffine(sum));

            var separate = new JacobianPoint();
            _curve.Add(ToJacobian(p), ToJacobian(q), subtract, separate);
            Assert.Equal(expected, ToAffine(separate));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Mixed_addition_and_subtraction_match_the_reference(bool subtract)
    {
        foreach ((Point p, Point q) in PointPairs())
        {
            if (q is null)
            {
                continue; // an affine point is always finite
            }

            Point expected = ReferenceCurve.Add(p, subtract ? ReferenceCurve.Negate(q) : q);
            var affine = new AffinePoint();
            ToLimbs(q.Value.X).CopyTo(affine.X, 0);
            ToLimbs(q.Value.Y).CopyTo(affine.Y, 0);
            JacobianPoint sum = ToJacobian(p);
            _curve.AddAffine(sum, affine, subtract, sum);
            Assert.Equal(expected, ToAffine(sum));
        }
    }

    [Fact]
    public void Odd_multiples_are_P_3P_5P_and_so_on()
    {
        Point p = RandomPoint();
        var table = new JacobianPoint[Wnaf.TableSize];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = new JacobianPoint();
        }

        table[0].SetPoint(ToJacobian(p));
        _curve.OddMultiples(table);
        for (int i = 0; i < table.Length; i++)
        {
            Assert.Equal(ReferenceCurve.Multiply(2 * i + 1, p), ToAffine(table[i]));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    public void Batch_conversion_to_affine_gives_each_point(int count)
    {
        Point[] points = [.. Enumerable.Range(0, count).Select(_ => RandomPoint())];
        JacobianPoint[] jacobian = [.. points.Select(ToJacobian)];
        AffinePoint[] affine = [.. points.Select(_ => new AffinePoint())];
        _curve.ToAffine(jacobian, affine);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(points[i], (ToBig(affine[i].X), ToBig(affine[i].Y)));
        }
    }

    /// <summary>Random pairs, and the pairs where the formulas have special cases: equal, opposite, infinite.</summary>
    private IEnumerable<(Point P, Point Q)> PointPairs()
    {
        for (int i = 0; i < 100; i++)
        {
            yield return (RandomPoint(), RandomPoint());
        }

        Point a = RandomPoint();
        yield return (a, a);
        yield return (a, ReferenceCurve.Negate(a));
        yield return (null, a);
        yield return (a, null);
        yield return (null, null);
        yield return (ReferenceCurve.G, ReferenceCurve.Multiply(N - 1, ReferenceCurve.G));
    }

    /// <summary>A random curve point: random x until x^3 - 3x + b is a square, then either root.</summary>
    private Point RandomPoint()
    {
        while (true)
        {
            BigInteger x = Below(_random, P);
            if (SquareRoot(Mod(x * x * x - 3 * x + ReferenceCurve.B, P)) is BigInteger y)
            {
                return (x, _random.Next(2) == 0 ? y : Mod(-y, P));
            }
        }
    }

    /// <summary>The curve point with the smallest x.</summary>
    private static (BigInteger X, BigInteger Y) PointWithSmallX()
    {
        for (BigInteger x = 0; x < 1000; x++)
        {
            if (SquareRoot(Mod(x * x * x - 3 * x + ReferenceCurve.B, P)) is BigInteger y)
            {
                return (x, y);
            }
        }

        throw new InvalidOperationException("no curve point with x below 1000");
    }

    /// <summary>A square root mod p when there is one: a^((p+1)/4), as p = 3 mod 4.</summary>
    private static BigInteger? SquareRoot(BigInteger a)
    {
        BigInteger root = BigInteger.ModPow(a, (P + 1) / 4, P);
        return Mod(root * root - a, P).IsZero ? root : null;
    }

    /// <summary>The point with a random Z, so the formulas see (x z^2, y z^3, z) rather than Z = 1.</summary>
    private JacobianPoint ToJacobian(Point p)
    {
        var j = new JacobianPoint();
        if (p is null)
        {
            j.SetInfinity();
            return j;
        }

        BigInteger z = Below(_random, P - 1) + 1;
        ToLimbs(Mod(p.Value.X * z * z, P)).CopyTo(j.X, 0);
        ToLimbs(Mod(p.Value.Y * z * z * z, P)).CopyTo(j.Y, 0);
        ToLimbs(z).CopyTo(j.Z, 0);
        return j;
    }

    private static Point ToAffine(JacobianPoint j)
    {
        if (j.IsInfinity)
        {
            return null;
        }

        BigInteger z = ToBig(j.Z);
        BigInteger zInverse = BigInteger.ModPow(z, P - 2, P);
        var point = (Mod(ToBig(j.X) * zInverse * zInverse, P), Mod(ToBig(j.Y) * zInverse * zInverse * zInverse, P));
        Assert.True(ReferenceCurve.IsOnCurve(point.Item1, point.Item2), "result is not on the curve");
        return point;
    }
}
