using NordicIoT.Schemas.Cbor;

namespace NordicIoT.Schemas.Tests.Cbor;

/// <summary>
/// Copies CBOR item by item through the typed reads of <see cref="CborReader"/> into a <see cref="CborWriter"/>:
/// a second path over the reader's API (besides SkipValue and CborDiagnostic), and "write the same value" for
/// the writer tests.
/// </summary>
internal static class Transcoder
{
    /// <summary>Transcodes one item filling <paramref name="input"/>; indefinite strings are either kept chunked or joined.</summary>
    public static byte[] Copy(byte[] input, bool joinStrings)
    {
        var reader = new CborReader(input, 0, input.Length);
        var output = new byte[input.Length * 2 + 16];
        var writer = new CborWriter(output);
        CopyItem(reader, writer, input, joinStrings);
        reader.ExpectEnd();
        return output.AsSpan(0, writer.Position).ToArray();
    }

    private static void CopyItem(CborReader reader, CborWriter writer, byte[] input, bool joinStrings)
    {
        switch (reader.PeekType())
        {
            case CborType.UnsignedInteger:
                writer.WriteUInt(reader.ReadUInt());
                break;
            case CborType.NegativeInteger:
                writer.WriteNegative(reader.ReadNegativeEncoded());
                break;
            case CborType.ByteString:
            case CborType.TextString:
                CopyString(reader, writer, input, joinStrings);
                break;
            case CborType.Array:
                CopyContainer(reader, writer, input, joinStrings, isMap: false);
                break;
            case CborType.Map:
                CopyContainer(reader, writer, input, joinStrings, isMap: true);
                break;
            case CborType.Tag:
                writer.WriteTag(reader.ReadTag());
                CopyItem(reader, writer, input, joinStrings);
                break;
            case CborType.Simple:
                writer.WriteSimple(reader.ReadSimple());
                break;
            case CborType.Float:
                writer.WriteDouble(reader.ReadDouble());
                break;
            default:
                reader.SkipValue();
                throw new InvalidOperationException("SkipValue accepted a misplaced break");
        }
    }

    private static void CopyString(CborReader reader, CborWriter writer, byte[] input, bool joinStrings)
    {
        bool isText = reader.PeekType() == CborType.TextString;
        bool indefinite = (input[reader.Offset] & 0x1f) == 31;
        if (!indefinite || joinStrings)
        {
            CopyChunk(reader, writer, isText);
            return;
        }

        if (isText)
        {
            reader.ReadStartIndefiniteText();
            writer.WriteStartIndefiniteText();
        }
        else
        {
            reader.ReadStartIndefiniteBytes();
            writer.WriteStartIndefiniteBytes();
        }

        while (!reader.TryReadBreak())
        {
            CopyChunk(reader, writer, isText);
        }

        writer.WriteBreak();
    }

    private static void CopyChunk(CborReader reader, CborWriter writer, bool isText)
    {
        if (isText)
        {
            writer.WriteText(reader.ReadText());
        }
        else
        {
            byte[] bytes = reader.ReadBytes();
            writer.WriteBytes(bytes, 0, bytes.Length);
        }
    }

    private static void CopyContainer(CborReader reader, CborWriter writer, byte[] input, bool joinStrings, bool isMap)
    {
        int count = isMap ? reader.ReadMapHeader() : reader.ReadArrayHeader();
        int itemsPerEntry = isMap ? 2 : 1;
        if (count < 0)
        {
            if (isMap)
            {
                writer.WriteStartIndefiniteMap();
            }
            else
            {
                writer.WriteStartIndefiniteArray();
            }

            while (!reader.TryReadBreak())
            {
                for (int i = 0; i < itemsPerEntry; i++)
                {
                    CopyItem(reader, writer, input, joinStrings);
                }
            }

            writer.WriteBreak();
            return;
        }

        if (isMap)
        {
            writer.WriteMapHeader(count);
        }
        else
        {
            writer.WriteArrayHeader(count);
        }

        for (int i = 0; i < count * itemsPerEntry; i++)
        {
            CopyItem(reader, writer, input, joinStrings);
        }

        if (isMap)
        {
            reader.ReadEndMap();
        }
        else
        {
            reader.ReadEndArray();
        }
    }
}
