using System;

namespace NordicIoT.Device.Ota.Crypto
{
    /// <summary>Verifies ECDSA signatures over P-256 with SHA-256 (FIPS 186-4), as .NET's ECDsa makes them in IEEE P1363 form.</summary>
    /// <remarks>
    /// <para>
    /// Accepts both s and n - s, as standard ECDSA does: a second valid signature on the same firmware image gains an
    /// attacker nothing (malleability matters where signatures name things, like transaction ids, not here).
    /// Rejects r or s of zero or not below n, public keys that are not on the curve, and wrong lengths; the reason
    /// is left in <see cref="LastRejection"/>.
    /// </para>
    /// <para>
    /// Not constant-time, on purpose: key, hash and signature are all public, so timing leaks nothing secret.
    /// Every working value is allocated by the constructor (about 2.8 KB of arrays in some 80 objects; the generator
    /// table, 0.5 KB, once per process): Verify and VerifyHash allocate nothing.
    /// One instance per thread. u1 G + u2 Q is computed with interleaved width-5 NAF (<see cref="Wnaf"/>), G's odd
    /// multiples affine and built once per process, Q's built per call in Jacobian coordinates.
    /// </para>
    /// </remarks>
    public sealed class EcdsaP256Verifier
    {
        /// <summary>Length of a signature: r || s, each 32 bytes big-endian.</summary>
        public const int SignatureSize = 64;

        private static readonly AffinePoint[] GeneratorMultiples = BuildGeneratorMultiples();

        private readonly P256Field _field = new P256Field();
        private readonly P256ScalarField _scalars = new P256ScalarField();
        private readonly P256Curve _curve;
        private readonly Sha256 _sha256 = new Sha256();
        private readonly byte[] _hash = new byte[Sha256.HashSize];
        private readonly AffinePoint _publicKey = new AffinePoint();
        private readonly uint[] _r = new uint[UInt256.Limbs];
        private readonly uint[] _s = new uint[UInt256.Limbs];
        private readonly uint[] _w = new uint[UInt256.Limbs];
        private readonly uint[] _u1 = new uint[UInt256.Limbs];
        private readonly uint[] _u2 = new uint[UInt256.Limbs];
        private readonly uint[] _zz = new uint[UInt256.Limbs];
        private readonly uint[] _candidate = new uint[UInt256.Limbs];
        private readonly sbyte[] _digits1 = new sbyte[Wnaf.MaxDigits];
        private readonly sbyte[] _digits2 = new sbyte[Wnaf.MaxDigits];
        private readonly JacobianPoint[] _keyMultiples = NewJacobianPoints(Wnaf.TableSize);
        private readonly JacobianPoint _sum = new JacobianPoint();

        /// <summary>A verifier with all its working memory allocated.</summary>
        public EcdsaP256Verifier()
        {
            _curve = new P256Curve(_field);
        }

        /// <summary>Why the last call returned false, or None after a valid signature.</summary>
        public SignatureRejection LastRejection { get; private set; }

        /// <summary>The arithmetic mod p this verifier uses; its counters give the operation counts behind the device-time estimate.</summary>
        public P256Field Field
        {
            get { return _field; }
        }

        /// <summary>The arithmetic mod n this verifier uses (counters as for <see cref="Field"/>).</summary>
        public P256ScalarField Scalars
        {
            get { return _scalars; }
        }

        /// <summary>
        /// Whether <paramref name="signature"/> (64 bytes r || s) is <paramref name="publicKey"/>'s signature (65 bytes
        /// 04 || X || Y, or 64 bytes X || Y) on SHA-256 of <paramref name="count"/> bytes of <paramref name="message"/>
        /// from <paramref name="offset"/>.
        /// </summary>
        public bool Verify(byte[] publicKey, byte[] message, int offset, int count, byte[] signature)
        {
            if (message == null || offset < 0 || count < 0 || offset > message.Length - count)
            {
                throw new ArgumentException("message range offset " + offset.ToString() + " count " + count.ToString() + " is outside the message");
            }

            _sha256.Update(message, offset, count);
            _sha256.Final(_hash, 0);
            return VerifyHash(publicKey, _hash, signature);
        }

        /// <summary>
        /// Whether <paramref name="signature"/> is <paramref name="publicKey"/>'s signature on a message whose SHA-256 is
        /// <paramref name="hash"/> (32 bytes), e.g. from a <see cref="Sha256"/> fed while the file downloaded.
        /// </summary>
        public bool VerifyHash(byte[] publicKey, byte[] hash, byte[] signature)
        {
            if (publicKey == null || signature == null)
            {
                throw new ArgumentNullException(publicKey == null ? "publicKey" : "signature");
            }

            if (hash == null || hash.Length != Sha256.HashSize)
            {
                throw new ArgumentException("the hash must be the 32-byte SHA-256 of the message");
            }

            LastRejection = Check(publicKey, hash, signature);
            return LastRejection == SignatureRejection.None;
        }

        private SignatureRejection Check(byte[] publicKey, byte[] hash, byte[] signature)
        {
            if (signature.Length != SignatureSize)
            {
                return SignatureRejection.SignatureLength;
            }

            SignatureRejection keyProblem = ReadPublicKey(publicKey);
            if (keyProblem != SignatureRejection.None)
            {
                return keyProblem;
            }

            uint[] n = P256ScalarField.Order;
            UInt256.FromBigEndian(signature, 0, _r);
            UInt256.FromBigEndian(signature, UInt256.ByteLength, _s);
            if (UInt256.IsZero(_r) || UInt256.Compare(_r, n) >= 0)
            {
                return SignatureRejection.ROutOfRange;
            }

            if (UInt256.IsZero(_s) || UInt256.Compare(_s, n) >= 0)
            {
                return SignatureRejection.SOutOfRange;
            }

            // e = the hash as an integer (P-256 takes all 256 bits), then w = 1/s, u1 = e w, u2 = r w, all mod n
            // (the product reduces e, which may be n or more).
            UInt256.FromBigEndian(hash, 0, _u1);
            _scalars.Invert(_s, _w);
            _scalars.Multiply(_u1, _w, _u1);
            _scalars.Multiply(_r, _w, _u2);

            MultiplyAndAdd();
            if (_sum.IsInfinity)
            {
                return SignatureRejection.Mismatch;
            }

            return MatchesR() ? SignatureRejection.None : SignatureRejection.Mismatch;
        }

        private SignatureRejection ReadPublicKey(byte[] publicKey)
        {
            int start;
            if (publicKey.Length == 1 + 2 * UInt256.ByteLength && publicKey[0] == 0x04)
            {
                start = 1;
            }
            else if (publicKey.Length == 2 * UInt256.ByteLength)
            {
                start = 0;
            }
            else
            {
                return SignatureRejection.PublicKeyFormat;
            }

            UInt256.FromBigEndian(publicKey, start, _publicKey.X);
            UInt256.FromBigEndian(publicKey, start + UInt256.ByteLength, _publicKey.Y);
            return _curve.IsOnCurve(_publicKey.X, _publicKey.Y) ? SignatureRejection.None : SignatureRejection.PublicKeyNotOnCurve;
        }

        /// <summary>_sum = u1 G + u2 Q: one run of doublings shared by both scalars (Straus/Shamir), adding table entries per NAF digit.</summary>
        private void MultiplyAndAdd()
        {
            int length1 = Wnaf.Recode(_u1, _digits1);
            int length2 = Wnaf.Recode(_u2, _digits2);
            _keyMultiples[0].SetAffine(_publicKey);
            _curve.OddMultiples(_keyMultiples);

            _sum.SetInfinity();
            for (int i = (length1 > length2 ? length1 : length2) - 1; i >= 0; i--)
            {
                _curve.Double(_sum, _sum);
                int digit = i < length1 ? _digits1[i] : 0;
                if (digit != 0)
                {
                    _curve.AddAffine(_sum, GeneratorMultiples[(digit < 0 ? -digit : digit) >> 1], digit < 0, _sum);
                }

                digit = i < length2 ? _digits2[i] : 0;
                if (digit != 0)
                {
                    _curve.Add(_sum, _keyMultiples[(digit < 0 ? -digit : digit) >> 1], digit < 0, _sum);
                }
            }
        }

        /// <summary>
        /// Whether x(_sum) mod n = r, without an inversion: x = X / Z^2 is r or r + n (only when r + n &lt; p, since
        /// x &lt; p), so compare X with r Z^2 and (r + n) Z^2 mod p.
        /// </summary>
        private bool MatchesR()
        {
            _field.Square(_sum.Z, _zz);
            _field.Multiply(_r, _zz, _candidate);
            if (UInt256.Compare(_candidate, _sum.X) == 0)
            {
                return true;
            }

            uint carry = UInt256.Add(_r, P256ScalarField.Order, _r);
            if (carry != 0 || UInt256.Compare(_r, _field.Modulus) >= 0)
            {
                return false;
            }

            _field.Multiply(_r, _zz, _candidate);
            return UInt256.Compare(_candidate, _sum.X) == 0;
        }

        private static AffinePoint[] BuildGeneratorMultiples()
        {
            var curve = new P256Curve(new P256Field());
            var generator = new AffinePoint();
            P256Curve.SetGenerator(generator);
            JacobianPoint[] multiples = NewJacobianPoints(Wnaf.TableSize);
            multiples[0].SetAffine(generator);
            curve.OddMultiples(multiples);

            var table = new AffinePoint[Wnaf.TableSize];
            for (int i = 0; i < table.Length; i++)
            {
                table[i] = new AffinePoint();
            }

            curve.ToAffine(multiples, table);
            return table;
        }

        private static JacobianPoint[] NewJacobianPoints(int count)
        {
            var points = new JacobianPoint[count];
            for (int i = 0; i < count; i++)
            {
                points[i] = new JacobianPoint();
            }

            return points;
        }
    }
}
