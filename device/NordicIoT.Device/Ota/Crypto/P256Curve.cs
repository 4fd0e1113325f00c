namespace NordicIoT.Device.Ota.Crypto
{
    /// <summary>Point arithmetic on P-256 (y^2 = x^3 - 3x + b over the field mod p), in Jacobian coordinates.</summary>
    /// <remarks>
    /// Formulas from the Explicit-Formulas Database (hyperelliptic.org/EFD, "Jacobian coordinates with a4 = -3"):
    /// dbl-2001-b (3M + 5S), add-2007-bl (11M + 5S) and madd-2007-bl (7M + 4S, second point affine). Additions
    /// handle equal and opposite points, so every input gives the right answer (Wycheproof builds signatures that
    /// hit those cases). Not constant-time: verification handles only public values. Scratch values are allocated
    /// once; an instance must not be shared between threads.
    /// </remarks>
    public sealed class P256Curve
    {
        /// <summary>The curve's constant b, least significant limb first.</summary>
        public static readonly uint[] B =
        {
            0x27D2604B, 0x3BCE3C3E, 0xCC53B0F6, 0x651D06B0, 0x769886BC, 0xB3EBBD55, 0xAA3A93E7, 0x5AC635D8,
        };

        private static readonly uint[] GeneratorX =
        {
            0xD898C296, 0xF4A13945, 0x2DEB33A0, 0x77037D81, 0x63A440F2, 0xF8BCE6E5, 0xE12C4247, 0x6B17D1F2,
        };

        private static readonly uint[] GeneratorY =
        {
            0x37BF51F5, 0xCBB64068, 0x6B315ECE, 0x2BCE3357, 0x7C0F9E16, 0x8EE7EB4A, 0xFE1A7F9B, 0x4FE342E2,
        };

        private static readonly uint[] Three = { 3, 0, 0, 0, 0, 0, 0, 0 };

        private readonly P256Field _field;
        private readonly uint[] _t1 = new uint[UInt256.Limbs];
        private readonly uint[] _t2 = new uint[UInt256.Limbs];
        private readonly uint[] _t3 = new uint[UInt256.Limbs];
        private readonly uint[] _t4 = new uint[UInt256.Limbs];
        private readonly uint[] _t5 = new uint[UInt256.Limbs];
        private readonly uint[] _t6 = new uint[UInt256.Limbs];
        private readonly uint[] _t7 = new uint[UInt256.Limbs];
        private readonly uint[] _t8 = new uint[UInt256.Limbs];
        private readonly JacobianPoint _twice = new JacobianPoint();

        /// <summary>Point arithmetic over <paramref name="field"/>, whose operation counters then include the curve's work.</summary>
        public P256Curve(P256Field field)
        {
            _field = field;
        }

        /// <summary>The field the coordinates live in.</summary>
        public P256Field Field
        {
            get { return _field; }
        }

        /// <summary>Sets <paramref name="result"/> to the standard base point G.</summary>
        public static void SetGenerator(AffinePoint result)
        {
            UInt256.Copy(GeneratorX, result.X);
            UInt256.Copy(GeneratorY, result.Y);
        }

        /// <summary>Whether (<paramref name="x"/>, <paramref name="y"/>) are field elements (below p) satisfying the curve equation.</summary>
        /// <remarks>P-256 has cofactor 1, so every such point is in the prime-order group: no separate subgroup check.</remarks>
        public bool IsOnCurve(uint[] x, uint[] y)
        {
            P256Field f = _field;
            if (UInt256.Compare(x, f.Modulus) >= 0 || UInt256.Compare(y, f.Modulus) >= 0)
            {
                return false;
            }

            f.Square(x, _t1);
            f.Subtract(_t1, Three, _t1);
            f.Multiply(_t1, x, _t1);
            f.Add(_t1, B, _t1);
            f.Square(y, _t2);
            return UInt256.Compare(_t1, _t2) == 0;
        }

        /// <summary><paramref name="result"/> = 2 <paramref name="p"/>; <paramref name="result"/> may be <paramref name="p"/>.</summary>
        public void Double(JacobianPoint p, JacobianPoint result)
        {
            if (p.IsInfinity)
            {
                result.SetInfinity();
                return;
            }

            P256Field f = _field;
            uint[] delta = _t1, gamma = _t2, beta = _t3, alpha = _t4, t = _t5, u = _t6;
            f.Square(p.Z, delta);
            f.Square(p.Y, gamma);
            f.Multiply(p.X, gamma, beta);
            f.Subtract(p.X, delta, t);
            f.Add(p.X, delta, u);
            f.Multiply(t, u, alpha);
            f.Add(alpha, alpha, t);
            f.Add(t, alpha, alpha);

            // Z3 = (Y1 + Z1)^2 - gamma - delta, written first: after it neither Y1 nor Z1 is read again.
            f.Add(p.Y, p.Z, t);
            f.Square(t, t);
            f.Subtract(t, gamma, t);
            f.Subtract(t, delta, result.Z);

            // X3 = alpha^2 - 8 beta
            f.Add(beta, beta, beta);
            f.Add(beta, beta, beta);
            f.Add(beta, beta, u);
            f.Square(alpha, t);
            f.Subtract(t, u, result.X);

            // Y3 = alpha (4 beta - X3) - 8 gamma^2
            f.Subtract(beta, result.X, t);
            f.Multiply(alpha, t, t);
            f.Square(gamma, u);
            f.Add(u, u, u);
            f.Add(u, u, u);
            f.Add(u, u, u);
            f.Subtract(t, u, result.Y);
        }

        /// <summary>
        /// <paramref name="result"/> = <paramref name="p"/> + <paramref name="q"/>, or <paramref name="p"/> - <paramref name="q"/>
        /// when <paramref name="subtract"/>; <paramref name="result"/> may be <paramref name="p"/> but not <paramref name="q"/>.
        /// </summary>
        public void Add(JacobianPoint p, JacobianPoint q, bool subtract, JacobianPoint result)
        {
            if (q.IsInfinity)
            {
                result.SetPoint(p);
                return;
            }

            if (p.IsInfinity)
            {
                result.SetPoint(q);
                if (subtract)
                {
                    _field.Negate(result.Y, result.Y);
                }

                return;
            }

            P256Field f = _field;
            uint[] z1z1 = _t1, z2z2 = _t2, u1 = _t3, h = _t4, s1 = _t5, r = _t6, t = _t7, j = _t8;
            f.Square(p.Z, z1z1);
            f.Square(q.Z, z2z2);
            f.Multiply(p.X, z2z2, u1);
            f.Multiply(q.X, z1z1, h);
            f.Subtract(h, u1, h);
            f.Multiply(q.Z, z2z2, s1);
            f.Multiply(p.Y, s1, s1);
            f.Multiply(p.Z, z1z1, r);
            f.Multiply(q.Y, r, r);
            if (subtract)
            {
                f.Negate(r, r);
            }

            f.Subtract(r, s1, r);
            if (UInt256.IsZero(h))
            {
                AddEqualX(p, r, result);
                return;
            }

            // Z3 = ((Z1 + Z2)^2 - Z1Z1 - Z2Z2) H, the only later use of Z1.
            f.Add(p.Z, q.Z, t);
            f.Square(t, t);
            f.Subtract(t, z1z1, t);
            f.Subtract(t, z2z2, t);
            f.Multiply(t, h, result.Z);

            uint[] i = z1z1, v = z2z2;
            f.Add(h, h, i);
            f.Square(i, i);
            f.Multiply(h, i, j);
            f.Add(r, r, r);
            f.Multiply(u1, i, v);
            FinishAddition(r, j, v, s1, result);
        }

        /// <summary>
        /// <paramref name="result"/> = <paramref name="p"/> + <paramref name="q"/>, or <paramref name="p"/> - <paramref name="q"/>
        /// when <paramref name="subtract"/>, with <paramref name="q"/> affine; <paramref name="result"/> may be <paramref name="p"/>.
        /// </summary>
        public void AddAffine(JacobianPoint p, AffinePoint q, bool subtract, JacobianPoint result)
        {
            if (p.IsInfinity)
            {
                result.SetAffine(q);
                if (subtract)
                {
                    _field.Negate(result.Y, result.Y);
                }

                return;
            }

            P256Field f = _field;
            uint[] z1z1 = _t1, h = _t2, r = _t3, hh = _t4, i = _t5, j = _t6, v = _t7, s1 = _t8;
            f.Square(p.Z, z1z1);
            f.Multiply(q.X, z1z1, h);
            f.Subtract(h, p.X, h);
            f.Multiply(p.Z, z1z1, r);
            f.Multiply(q.Y, r, r);
            if (subtract)
            {
                f.Negate(r, r);
            }

            f.Subtract(r, p.Y, r);
            if (UInt256.IsZero(h))
            {
                AddEqualX(p, r, result);
                return;
            }

            f.Square(h, hh);
            f.Add(hh, hh, i);
            f.Add(i, i, i);
            f.Multiply(h, i, j);
            f.Add(r, r, r);
            f.Multiply(p.X, i, v);
            UInt256.Copy(p.Y, s1);

            // Z3 = (Z1 + H)^2 - Z1Z1 - HH, the only later use of Z1.
            f.Add(p.Z, h, result.Z);
            f.Square(result.Z, result.Z);
            f.Subtract(result.Z, z1z1, result.Z);
            f.Subtract(result.Z, hh, result.Z);
            FinishAddition(r, j, v, s1, result);
        }

        /// <summary>Fills <paramref name="table"/>[i] with (2i + 1) P, where P is the point already in <paramref name="table"/>[0].</summary>
        public void OddMultiples(JacobianPoint[] table)
        {
            Double(table[0], _twice);
            for (int i = 1; i < table.Length; i++)
            {
                Add(table[i - 1], _twice, false, table[i]);
            }
        }

        /// <summary>
        /// Sets each <paramref name="results"/>[i] to <paramref name="points"/>[i] in affine coordinates (all points
        /// finite) with a single inversion: Montgomery's trick inverts the product of all Z and peels the factors off.
        /// </summary>
        public void ToAffine(JacobianPoint[] points, AffinePoint[] results)
        {
            P256Field f = _field;
            int last = points.Length - 1;

            // results[i].X holds Z0 Z1 ... Zi until point i is converted.
            UInt256.Copy(points[0].Z, results[0].X);
            for (int i = 1; i <= last; i++)
            {
                f.Multiply(results[i - 1].X, points[i].Z, results[i].X);
            }

            uint[] inverse = _t1, zInverse = _t2, zInverse2 = _t3;
            f.Invert(results[last].X, inverse);
            for (int i = last; i >= 0; i--)
            {
                // inverse = 1 / (Z0 ... Zi) here.
                if (i > 0)
                {
                    f.Multiply(inverse, results[i - 1].X, zInverse);
                    f.Multiply(inverse, points[i].Z, inverse);
                }
                else
                {
                    UInt256.Copy(inverse, zInverse);
                }

                f.Square(zInverse, zInverse2);
                f.Multiply(points[i].X, zInverse2, results[i].X);
                f.Multiply(zInverse2, zInverse, zInverse2);
                f.Multiply(points[i].Y, zInverse2, results[i].Y);
            }
        }

        /// <summary>X3 = r^2 - J - 2V and Y3 = r (V - X3) - 2 S1 J, shared by both additions (r already doubled).</summary>
        private void FinishAddition(uint[] r, uint[] j, uint[] v, uint[] s1, JacobianPoint result)
        {
            P256Field f = _field;
            f.Square(r, result.X);
            f.Subtract(result.X, j, result.X);
            f.Subtract(result.X, v, result.X);
            f.Subtract(result.X, v, result.X);
            f.Subtract(v, result.X, v);
            f.Multiply(r, v, v);
            f.Multiply(s1, j, j);
            f.Add(j, j, j);
            f.Subtract(v, j, result.Y);
        }

        /// <summary>The sum of two points with equal x: a doubling when the y values agree too (r = 0), else infinity.</summary>
        private void AddEqualX(JacobianPoint p, uint[] r, JacobianPoint result)
        {
            if (UInt256.IsZero(r))
            {
                Double(p, result);
            }
            else
            {
                result.SetInfinity();
            }
        }
    }
}
