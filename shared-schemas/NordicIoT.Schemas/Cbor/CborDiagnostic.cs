using System.Text;

namespace NordicIoT.Schemas.Cbor
{
    /// <summary>Prints one CBOR data item in RFC 8949 §8 diagnostic notation, for tests, logs and tooling.</summary>
    /// <remarks>
    /// Output follows the RFC's Appendix A: h'0102', "text" (non-ASCII and control characters as \u escapes),
    /// [1, 2], {1: 2}, 1(...), (_ h'01', h'02'), [_ 1], {_ "a": 1}, simple(16), undefined, floats as 1.5 /
    /// 1.0e+300 / NaN / -Infinity. Input is read with <see cref="CborReader"/>, so bad input throws
    /// <see cref="WireFormatException"/> and nesting is bounded by its default depth.
    /// </remarks>
    public static class CborDiagnostic
    {
        private const string HexDigits = "0123456789abcdef";

        /// <summary>The diagnostic notation of the single data item that fills the byte range.</summary>
        public static string Format(byte[] data, int offset, int length)
        {
            CborReader reader = new CborReader(data, offset, length);
            StringBuilder text = new StringBuilder();
            AppendItem(reader, data, text);
            reader.ExpectEnd();
            return text.ToString();
        }

        // Recursion is bounded: every level below opens a reader level, and the reader enforces its depth limit.
        private static void AppendItem(CborReader reader, byte[] data, StringBuilder text)
        {
            switch (reader.PeekType())
            {
                case CborType.UnsignedInteger:
                    text.Append(reader.ReadUInt());
                    break;
                case CborType.NegativeInteger:
                    AppendNegative(text, reader.ReadNegativeEncoded());
                    break;
                case CborType.ByteString:
                case CborType.TextString:
                    AppendString(reader, data, text);
                    break;
                case CborType.Array:
                    AppendArray(reader, data, text);
                    break;
                case CborType.Map:
                    AppendMap(reader, data, text);
                    break;
                case CborType.Tag:
                    text.Append(reader.ReadTag()).Append('(');
                    AppendItem(reader, data, text);
                    text.Append(')');
                    break;
                case CborType.Simple:
                    AppendSimple(text, reader.ReadSimple());
                    break;
                case CborType.Float:
                    DoubleText.Append(text, reader.ReadDouble());
                    break;
                default:
                    // A break where an item belongs: reading it makes the reader report where.
                    reader.SkipValue();
                    break;
            }
        }

        private static void AppendNegative(StringBuilder text, ulong encoded)
        {
            // The value is -1 - encoded; -2^64 has no ulong magnitude.
            if (encoded == ulong.MaxValue)
            {
                text.Append("-18446744073709551616");
            }
            else
            {
                text.Append('-').Append(encoded + 1);
            }
        }

        private static void AppendString(CborReader reader, byte[] data, StringBuilder text)
        {
            bool isText = reader.PeekType() == CborType.TextString;

            // PeekType has settled the reader on the item's initial byte: 0x5f / 0x7f mean indefinite length.
            int initial = data[reader.Offset];
            if (initial != 0x5f && initial != 0x7f)
            {
                AppendChunk(reader, isText, text);
                return;
            }

            if (isText)
            {
                reader.ReadStartIndefiniteText();
            }
            else
            {
                reader.ReadStartIndefiniteBytes();
            }

            text.Append("(_ ");
            bool first = true;
            while (!reader.TryReadBreak())
            {
                if (!first)
                {
                    text.Append(", ");
                }

                AppendChunk(reader, isText, text);
                first = false;
            }

            text.Append(')');
        }

        private static void AppendChunk(CborReader reader, bool isText, StringBuilder text)
        {
            if (isText)
            {
                AppendQuoted(text, reader.ReadText());
                return;
            }

            byte[] bytes = reader.ReadBytes();
            text.Append("h'");
            for (int i = 0; i < bytes.Length; i++)
            {
                text.Append(HexDigits[bytes[i] >> 4]).Append(HexDigits[bytes[i] & 0xf]);
            }

            text.Append('\'');
        }

        private static void AppendQuoted(StringBuilder text, string value)
        {
            text.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '"' || c == '\\')
                {
                    text.Append('\\').Append(c);
                }
                else if (c < 0x20 || c >= 0x7f)
                {
                    text.Append("\\u")
                        .Append(HexDigits[(c >> 12) & 0xf])
                        .Append(HexDigits[(c >> 8) & 0xf])
                        .Append(HexDigits[(c >> 4) & 0xf])
                        .Append(HexDigits[c & 0xf]);
                }
                else
                {
                    text.Append(c);
                }
            }

            text.Append('"');
        }

        private static void AppendArray(CborReader reader, byte[] data, StringBuilder text)
        {
            int count = reader.ReadArrayHeader();
            if (count < 0)
            {
                text.Append("[_ ");
                for (int i = 0; !reader.TryReadBreak(); i++)
                {
                    AppendSeparator(text, i);
                    AppendItem(reader, data, text);
                }
            }
            else
            {
                text.Append('[');
                for (int i = 0; i < count; i++)
                {
                    AppendSeparator(text, i);
                    AppendItem(reader, data, text);
                }

                reader.ReadEndArray();
            }

            text.Append(']');
        }

        private static void AppendMap(CborReader reader, byte[] data, StringBuilder text)
        {
            int count = reader.ReadMapHeader();
            if (count < 0)
            {
                text.Append("{_ ");
                for (int i = 0; !reader.TryReadBreak(); i++)
                {
                    AppendEntry(reader, data, text, i);
                }
            }
            else
            {
                text.Append('{');
                for (int i = 0; i < count; i++)
                {
                    AppendEntry(reader, data, text, i);
                }

                reader.ReadEndMap();
            }

            text.Append('}');
        }

        private static void AppendEntry(CborReader reader, byte[] data, StringBuilder text, int index)
        {
            AppendSeparator(text, index);
            AppendItem(reader, data, text);
            text.Append(": ");
            AppendItem(reader, data, text);
        }

        private static void AppendSeparator(StringBuilder text, int index)
        {
            if (index > 0)
            {
                text.Append(", ");
            }
        }

        private static void AppendSimple(StringBuilder text, int value)
        {
            switch (value)
            {
                case 20: text.Append("false"); break;
                case 21: text.Append("true"); break;
                case 22: text.Append("null"); break;
                case 23: text.Append("undefined"); break;
                default: text.Append("simple(").Append(value).Append(')'); break;
            }
        }
    }
}
