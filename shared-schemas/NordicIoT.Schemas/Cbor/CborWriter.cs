using System;

namespace NordicIoT.Schemas.Cbor
{
    /// <summary>Writes CBOR with preferred serialization (shortest heads, shortest exact float) into a caller's buffer.</summary>
    /// <remarks>
    /// Every write either fits completely or throws <see cref="WireError.BufferTooSmall"/> and leaves
    /// <see cref="Position"/> where it was. The writer does not check that containers get the items their
    /// headers announce: that is the caller's schema. Heads and numbers are written without allocating.
    /// </remarks>
    public sealed class CborWriter
    {
        private const int MajorUnsigned = 0;
        private const int MajorNegative = 1;
        private const int MajorBytes = 2;
        private const int MajorText = 3;
        private const int MajorArray = 4;
        private const int MajorMap = 5;
        private const int MajorTag = 6;

        private byte[] _buffer;
        private int _position;

        /// <summary>Creates a writer that fills <paramref name="buffer"/> from index 0.</summary>
        public CborWriter(byte[] buffer)
        {
            _buffer = buffer;
            Reset(buffer, 0);
        }

        /// <summary>The buffer being written.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Index in <see cref="Buffer"/> of the next byte to write.</summary>
        public int Position => _position;

        /// <summary>Starts writing into <paramref name="buffer"/> at <paramref name="offset"/>, without allocating.</summary>
        public void Reset(byte[] buffer, int offset)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || offset > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(offset));
            }

            _buffer = buffer;
            _position = offset;
        }

        /// <summary>Writes an unsigned integer (major type 0).</summary>
        public void WriteUInt(ulong value)
        {
            WriteHead(MajorUnsigned, value);
        }

        /// <summary>Writes a signed integer as major type 0 or 1.</summary>
        public void WriteInt(long value)
        {
            if (value >= 0)
            {
                WriteHead(MajorUnsigned, (ulong)value);
            }
            else
            {
                WriteHead(MajorNegative, (ulong)~value);
            }
        }

        /// <summary>Writes major type 1 with argument <paramref name="encodedValue"/>: the integer -1 - encodedValue, down to -2^64.</summary>
        public void WriteNegative(ulong encodedValue)
        {
            WriteHead(MajorNegative, encodedValue);
        }

        /// <summary>Writes the head of a definite-length array; the caller then writes <paramref name="count"/> items.</summary>
        public void WriteArrayHeader(int count)
        {
            WriteHead(MajorArray, CheckCount(count));
        }

        /// <summary>Writes the head of a definite-length map; the caller then writes <paramref name="count"/> key/value pairs.</summary>
        public void WriteMapHeader(int count)
        {
            WriteHead(MajorMap, CheckCount(count));
        }

        /// <summary>Starts an indefinite-length array, ended by <see cref="WriteBreak"/>.</summary>
        public void WriteStartIndefiniteArray()
        {
            WriteByte(0x9f);
        }

        /// <summary>Starts an indefinite-length map, ended by <see cref="WriteBreak"/>.</summary>
        public void WriteStartIndefiniteMap()
        {
            WriteByte(0xbf);
        }

        /// <summary>Starts an indefinite-length byte string: write definite byte-string chunks, then <see cref="WriteBreak"/>.</summary>
        public void WriteStartIndefiniteBytes()
        {
            WriteByte(0x5f);
        }

        /// <summary>Starts an indefinite-length text string: write definite text chunks, then <see cref="WriteBreak"/>.</summary>
        public void WriteStartIndefiniteText()
        {
            WriteByte(0x7f);
        }

        /// <summary>Writes the break stop code that ends an indefinite-length item.</summary>
        public void WriteBreak()
        {
            WriteByte(0xff);
        }

        /// <summary>Writes a definite-length byte string.</summary>
        public void WriteBytes(byte[] data, int offset, int length)
        {
            CheckRange(data, offset, length);
            EnsureRoom((long)CborSize.Head((ulong)length) + length);
            WriteHead(MajorBytes, (ulong)length);
            Array.Copy(data, offset, _buffer, _position, length);
            _position += length;
        }

        /// <summary>Writes a definite-length text string as UTF-8; a string with an unpaired surrogate is rejected.</summary>
        public void WriteText(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            long byteCount = Utf8Length(value);
            EnsureRoom(CborSize.Head((ulong)byteCount) + byteCount);
            WriteHead(MajorText, (ulong)byteCount);
            EncodeUtf8(value);
        }

        /// <summary>Writes a tag head; the caller then writes the one tag content item.</summary>
        public void WriteTag(ulong tag)
        {
            WriteHead(MajorTag, tag);
        }

        /// <summary>Writes false (0xf4) or true (0xf5).</summary>
        public void WriteBool(bool value)
        {
            WriteByte(value ? 0xf5 : 0xf4);
        }

        /// <summary>Writes null (0xf6).</summary>
        public void WriteNull()
        {
            WriteByte(0xf6);
        }

        /// <summary>Writes undefined (0xf7).</summary>
        public void WriteUndefined()
        {
            WriteByte(0xf7);
        }

        /// <summary>Writes simple(value) for 0-23 and 32-255; 24-31 have no valid encoding.</summary>
        public void WriteSimple(int value)
        {
            if (value < 0 || value > 255 || (value >= 24 && value < 32))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "simple values are 0-23 and 32-255");
            }

            if (value < 24)
            {
                WriteByte(0xe0 | value);
            }
            else
            {
                EnsureRoom(2);
                _buffer[_position] = 0xf8;
                _buffer[_position + 1] = (byte)value;
                _position += 2;
            }
        }

        /// <summary>Writes a float in the shortest of half/single/double that holds it exactly; every NaN as f97e00.</summary>
        public void WriteDouble(double value)
        {
            if (double.IsNaN(value))
            {
                WriteFloat(0xf9, 0x7e00, 2);
                return;
            }

            int half;
            if (FloatWidths.TryToHalf(value, out half))
            {
                WriteFloat(0xf9, (ulong)half, 2);
                return;
            }

            uint single;
            if (FloatWidths.TryToSingle(value, out single))
            {
                WriteFloat(0xfa, single, 4);
                return;
            }

            WriteFloat(0xfb, (ulong)BitConverter.DoubleToInt64Bits(value), 8);
        }

        /// <summary>Copies bytes that already are encoded CBOR; they are not checked.</summary>
        public void WriteRaw(byte[] data, int offset, int length)
        {
            CheckRange(data, offset, length);
            EnsureRoom(length);
            Array.Copy(data, offset, _buffer, _position, length);
            _position += length;
        }

        private static ulong CheckCount(int count)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            return (ulong)count;
        }

        private static void CheckRange(byte[] data, int offset, int length)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            if (offset < 0 || length < 0 || offset > data.Length - length)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), "offset and length must lie inside data");
            }
        }

        private void WriteHead(int major, ulong argument)
        {
            // Small deltas are the bulk of a batch: one byte, no size dispatch.
            if (argument < 24 && _position < _buffer.Length)
            {
                _buffer[_position++] = (byte)((major << 5) | (int)argument);
                return;
            }

            int size = CborSize.Head(argument);
            EnsureRoom(size);
            int initial = major << 5;
            switch (size)
            {
                case 1:
                    _buffer[_position] = (byte)(initial | (int)argument);
                    break;
                case 2:
                    _buffer[_position] = (byte)(initial | 24);
                    break;
                case 3:
                    _buffer[_position] = (byte)(initial | 25);
                    break;
                case 5:
                    _buffer[_position] = (byte)(initial | 26);
                    break;
                default:
                    _buffer[_position] = (byte)(initial | 27);
                    break;
            }

            WriteBigEndian(argument, _position + 1, size - 1);
            _position += size;
        }

        private void WriteFloat(int initial, ulong bits, int width)
        {
            EnsureRoom(1 + width);
            _buffer[_position] = (byte)initial;
            WriteBigEndian(bits, _position + 1, width);
            _position += 1 + width;
        }

        private void WriteBigEndian(ulong value, int index, int width)
        {
            for (int i = index + width - 1; i >= index; i--)
            {
                _buffer[i] = (byte)value;
                value >>= 8;
            }
        }

        private void WriteByte(int value)
        {
            EnsureRoom(1);
            _buffer[_position++] = (byte)value;
        }

        private void EnsureRoom(long needed)
        {
            int left = _buffer.Length - _position;
            if (needed > left)
            {
                throw new WireFormatException(
                    WireError.BufferTooSmall,
                    _position,
                    "need " + needed.ToString() + " bytes, " + left.ToString() + " left");
            }
        }

        private long Utf8Length(string value)
        {
            long count = 0;
            int length = value.Length;
            for (int i = 0; i < length; i++)
            {
                char c = value[i];
                if (c < 0x80)
                {
                    count += 1;
                }
                else if (c < 0x800)
                {
                    count += 2;
                }
                else if (c < 0xd800 || c > 0xdfff)
                {
                    count += 3;
                }
                else if (c <= 0xdbff && i + 1 < length && value[i + 1] >= 0xdc00 && value[i + 1] <= 0xdfff)
                {
                    count += 4;
                    i++;
                }
                else
                {
                    throw new WireFormatException(
                        WireError.InvalidUtf8,
                        _position,
                        "unpaired surrogate at character " + i.ToString() + " of the text");
                }
            }

            return count;
        }

        // Only called after Utf8Length accepted the string and the room was reserved.
        private void EncodeUtf8(string value)
        {
            byte[] buffer = _buffer;
            int p = _position;
            int length = value.Length;
            for (int i = 0; i < length; i++)
            {
                int c = value[i];
                if (c < 0x80)
                {
                    buffer[p++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    buffer[p++] = (byte)(0xc0 | (c >> 6));
                    buffer[p++] = (byte)(0x80 | (c & 0x3f));
                }
                else if (c < 0xd800 || c > 0xdfff)
                {
                    buffer[p++] = (byte)(0xe0 | (c >> 12));
                    buffer[p++] = (byte)(0x80 | ((c >> 6) & 0x3f));
                    buffer[p++] = (byte)(0x80 | (c & 0x3f));
                }
                else
                {
                    i++;
                    int codePoint = 0x10000 + ((c - 0xd800) << 10) + (value[i] - 0xdc00);
                    buffer[p++] = (byte)(0xf0 | (codePoint >> 18));
                    buffer[p++] = (byte)(0x80 | ((codePoint >> 12) & 0x3f));
                    buffer[p++] = (byte)(0x80 | ((codePoint >> 6) & 0x3f));
                    buffer[p++] = (byte)(0x80 | (codePoint & 0x3f));
                }
            }

            _position = p;
        }
    }
}
