using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Messages
{
    /// <summary>Writes and reads firmware offers (see nordiciot.cddl).</summary>
    public static class FirmwareOfferCodec
    {
        /// <summary>Largest manifest an offer carries, bytes.</summary>
        public const int MaxManifestBytes = 4096;

        /// <summary>Writes the offer; returns the bytes written.</summary>
        public static int Encode(FirmwareOffer offer, CborWriter writer)
        {
            int start = writer.Position;
            writer.WriteMapHeader(6);
            writer.WriteUInt(0);
            writer.WriteUInt(FieldReader.FormatVersion);
            writer.WriteUInt(1);
            writer.WriteUInt((ulong)offer.RolloutId);
            writer.WriteUInt(2);
            writer.WriteBytes(offer.Manifest, 0, offer.Manifest.Length);
            writer.WriteUInt(3);
            writer.WriteBytes(offer.Signature, 0, offer.Signature.Length);
            writer.WriteUInt(4);
            writer.WriteText(offer.BaseUrl);
            writer.WriteUInt(5);
            writer.WriteText(offer.Token);
            return writer.Position - start;
        }

        /// <summary>Reads one whole offer. The manifest stays encoded: verify its signature before decoding it.</summary>
        /// <exception cref="WireFormatException">Not a well-formed, valid offer.</exception>
        public static FirmwareOffer Decode(CborReader reader)
        {
            int at = reader.Offset;
            int count = FieldReader.DefiniteMap(reader, "offer");
            ulong seen = 0;
            long rollout = 0;
            byte[] manifest = null;
            byte[] signature = null;
            string baseUrl = null;
            string token = null;
            for (int i = 0; i < count; i++)
            {
                switch (FieldReader.Key(reader, ref seen, 5, "offer"))
                {
                    case 0: FieldReader.Format(reader, "offer"); break;
                    case 1: rollout = FieldReader.UInt(reader, 0, long.MaxValue, "rollout id"); break;
                    case 2: manifest = Bytes(reader, 1, MaxManifestBytes, "manifest"); break;
                    case 3: signature = Bytes(reader, FirmwareOffer.SignatureLength, FirmwareOffer.SignatureLength, "signature"); break;
                    case 4: baseUrl = FieldReader.Text(reader, 1, 512, "download URL"); break;
                    default: token = FieldReader.Text(reader, 0, 512, "download token"); break;
                }
            }

            if (seen != 63UL)
            {
                throw new WireFormatException(WireError.MissingField, at, "offer needs fields 0 to 5");
            }

            reader.ReadEndMap();
            reader.ExpectEnd();
            return new FirmwareOffer(rollout, manifest, signature, baseUrl, token);
        }

        private static byte[] Bytes(CborReader reader, int min, int max, string what)
        {
            int at = reader.Offset;
            byte[] value = reader.ReadBytes();
            if (value.Length < min || value.Length > max)
            {
                throw new WireFormatException(WireError.ValueOutOfRange, at, what + " must be " + min.ToString() + ".." + max.ToString() + " bytes");
            }

            return value;
        }
    }
}
