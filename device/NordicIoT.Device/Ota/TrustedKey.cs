using System;
using System.Text;
using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Ota
{
    /// <summary>Reads the release signing public key the device trusts from storage: an uncompressed P-256 point, raw, DER or PEM.</summary>
    /// <remarks>Accepting the DER and PEM forms of SubjectPublicKeyInfo means the file openssl or .NET export can be deployed as it is.</remarks>
    public static class TrustedKey
    {
        private const int PointBytes = 65;
        private const int MaxFileBytes = 1024;
        private const string PemHeader = "-----BEGIN PUBLIC KEY-----";
        private const string PemFooter = "-----END PUBLIC KEY-----";

        // SEQUENCE { SEQUENCE { OID id-ecPublicKey, OID prime256v1 }, BIT STRING (0 unused bits) ... }: what precedes the point.
        private static readonly byte[] SpkiPrefix =
        {
            0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
            0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
        };

        /// <summary>The key as 65 bytes 04 || X || Y, or null with <paramref name="problem"/> saying why (missing file, unknown form).</summary>
        public static byte[] Load(IFileStorage storage, string name, out string problem)
        {
            if (!storage.Exists(name))
            {
                problem = "no trusted release key (" + name + ") on the device";
                return null;
            }

            int length = storage.Length(name);
            if (length > MaxFileBytes)
            {
                problem = "the release key file " + name + " is " + length.ToString() + " bytes, not a P-256 public key";
                return null;
            }

            byte[] content = new byte[length];
            int read = storage.Read(name, 0, content, 0, length);
            byte[] key = FromBytes(content, read);
            problem = key == null ? "the release key file " + name + " holds no uncompressed P-256 public key (raw, DER or PEM)" : null;
            return key;
        }

        private static byte[] FromBytes(byte[] content, int length)
        {
            if (length == PointBytes && content[0] == 0x04)
            {
                return Copy(content, 0);
            }

            if (length == PointBytes - 1)
            {
                byte[] point = new byte[PointBytes];
                point[0] = 0x04;
                Array.Copy(content, 0, point, 1, length);
                return point;
            }

            if (length == SpkiPrefix.Length + PointBytes && StartsWithPrefix(content))
            {
                return content[SpkiPrefix.Length] == 0x04 ? Copy(content, SpkiPrefix.Length) : null;
            }

            return FromPem(content, length);
        }

        private static byte[] FromPem(byte[] content, int length)
        {
            string text = Encoding.UTF8.GetString(content, 0, length);
            int start = text.IndexOf(PemHeader);
            int end = text.IndexOf(PemFooter);
            if (start < 0 || end < start)
            {
                return null;
            }

            // Convert wants the base64 alone: drop the line breaks and spaces between the armour lines.
            char[] body = new char[end - start];
            int count = 0;
            for (int i = start + PemHeader.Length; i < end; i++)
            {
                char c = text[i];
                if (c != '\n' && c != '\r' && c != ' ' && c != '\t')
                {
                    body[count++] = c;
                }
            }

            byte[] der;
            try
            {
                der = Convert.FromBase64String(new string(body, 0, count));
            }
            catch (FormatException)
            {
                return null;
            }

            return der.Length == SpkiPrefix.Length + PointBytes && StartsWithPrefix(der) && der[SpkiPrefix.Length] == 0x04 ? Copy(der, SpkiPrefix.Length) : null;
        }

        private static bool StartsWithPrefix(byte[] data)
        {
            for (int i = 0; i < SpkiPrefix.Length; i++)
            {
                if (data[i] != SpkiPrefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static byte[] Copy(byte[] data, int offset)
        {
            byte[] point = new byte[PointBytes];
            Array.Copy(data, offset, point, 0, PointBytes);
            return point;
        }
    }
}
