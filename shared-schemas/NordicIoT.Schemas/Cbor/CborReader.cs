using System;

namespace NordicIoT.Schemas.Cbor
{
    /// <summary>Pull reader over a byte range that treats its input as hostile.</summary>
    /// <remarks>
    /// <para>Errors: every malformed, truncated or unexpected input throws <see cref="WireFormatException"/> with the
    /// index (in the caller's array) of the offending item. Nothing is allocated beyond the remaining input. After an
    /// exception the reader's position is unspecified: call <see cref="Reset"/> before reusing it.</para>
    /// <para>Depth: <see cref="ReadArrayHeader"/>, <see cref="ReadMapHeader"/>, <see cref="ReadTag"/> and
    /// <see cref="ReadStartIndefiniteBytes"/>/<see cref="ReadStartIndefiniteText"/> open a level; going past
    /// the maximum depth throws <see cref="WireError.DepthExceeded"/>. Reading a whole indefinite-length string
    /// also needs one free level. A definite array, map or tag closes by itself once its last item has been read;
    /// an indefinite one closes when <see cref="TryReadBreak"/> consumes its break.
    /// <see cref="ReadEndArray"/>/<see cref="ReadEndMap"/> close the innermost array/map explicitly and check that
    /// no items are left, which callers that know their schema should use. <see cref="SkipValue"/> walks nested
    /// items with the same bookkeeping, without recursion.</para>
    /// </remarks>
    public sealed partial class CborReader
    {
        /// <summary>The nesting limit used when none is given.</summary>
        public const int DefaultMaxDepth = 16;

        // Open levels. Definite kinds count the items not yet started; the others count items started,
        // which for indefinite maps tells a key position from a value position.
        private const byte FrameArray = 0;
        private const byte FrameMap = 1;
        private const byte FrameTag = 2;
        private const byte FrameIndefiniteArray = 3;
        private const byte FrameIndefiniteMap = 4;
        private const byte FrameByteChunks = 5;
        private const byte FrameTextChunks = 6;

        private const int Break = 0xff;

        private readonly int _maxDepth;
        private readonly byte[] _frameKinds;
        private readonly int[] _frameCounts;
        private byte[] _data;
        private int _position;
        private int _end;
        private int _depth;

        /// <summary>Reads <paramref name="length"/> bytes of <paramref name="data"/> from <paramref name="offset"/>, nesting at most <see cref="DefaultMaxDepth"/> deep.</summary>
        public CborReader(byte[] data, int offset, int length)
            : this(data, offset, length, DefaultMaxDepth)
        {
        }

        /// <summary>Reads a byte range, nesting at most <paramref name="maxDepth"/> containers/tags deep.</summary>
        public CborReader(byte[] data, int offset, int length, int maxDepth)
        {
            if (maxDepth < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxDepth));
            }

            _data = data;
            _maxDepth = maxDepth;
            _frameKinds = new byte[maxDepth];
            _frameCounts = new int[maxDepth];
            Reset(data, offset, length);
        }

        /// <summary>Index in the data array of the next byte to read.</summary>
        public int Offset => _position;

        /// <summary>Index in the data array just after the last byte of the range.</summary>
        public int End => _end;

        /// <summary>True when every byte of the range has been consumed.</summary>
        public bool IsAtEnd => _position >= _end;

        /// <summary>How many arrays, maps, tags and chunked strings the reader is inside.</summary>
        public int Depth => SettledDepth(0);

        /// <summary>Starts over on a new byte range, reusing this reader's buffers.</summary>
        public void Reset(byte[] data, int offset, int length)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            if (offset < 0 || length < 0 || offset > data.Length - length)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), "offset and length must lie inside data");
            }

            _data = data;
            _position = offset;
            _end = offset + length;
            _depth = 0;
        }

        /// <summary>The type of the next item without consuming it; Truncated at the end of input.</summary>
        public CborType PeekType()
        {
            Settle(0);
            if (_position >= _end)
            {
                throw new WireFormatException(WireError.Truncated, _position, "input ended where a data item was expected");
            }

            int initial = _data[_position];
            if (IsReserved(initial))
            {
                throw ReservedError(initial, _position);
            }

            switch (initial >> 5)
            {
                case 0: return CborType.UnsignedInteger;
                case 1: return CborType.NegativeInteger;
                case 2: return CborType.ByteString;
                case 3: return CborType.TextString;
                case 4: return CborType.Array;
                case 5: return CborType.Map;
                case 6: return CborType.Tag;
                default:
                    int info = initial & 0x1f;
                    if (info == 31)
                    {
                        return CborType.Break;
                    }

                    return info >= 25 ? CborType.Float : CborType.Simple;
            }
        }

        /// <summary>Reads an unsigned integer (major type 0).</summary>
        public ulong ReadUInt()
        {
            int start = _position;
            int initial = StartItem();
            if ((initial >> 5) != 0)
            {
                throw Mismatch(initial, start, "an unsigned integer");
            }

            return ReadArgument(initial, start);
        }

        /// <summary>Reads an integer of major type 0 or 1; IntegerOverflow if it is outside the range of long.</summary>
        public long ReadInt()
        {
            int start = _position;
            int initial = StartItem();
            int major = initial >> 5;
            if (major > 1)
            {
                throw Mismatch(initial, start, "an integer");
            }

            ulong argument = ReadArgument(initial, start);
            if (argument > long.MaxValue)
            {
                throw new WireFormatException(WireError.IntegerOverflow, start, IntegerText(major, argument) + " does not fit in 64 signed bits");
            }

            return major == 0 ? (long)argument : -1 - (long)argument;
        }

        /// <summary>Reads an integer of major type 0 or 1; ValueOutOfRange if it is outside the range of int.</summary>
        public int ReadInt32()
        {
            int start = _position;
            int initial = StartItem();
            int major = initial >> 5;
            if (major > 1)
            {
                throw Mismatch(initial, start, "an integer");
            }

            int info = initial & 0x1f;
            ulong argument = info < 24 ? (ulong)info : ReadArgument(initial, start);
            if (argument > int.MaxValue)
            {
                throw new WireFormatException(WireError.ValueOutOfRange, start, IntegerText(major, argument) + " does not fit in 32 signed bits");
            }

            return major == 0 ? (int)argument : -1 - (int)argument;
        }

        /// <summary>Reads a negative integer (major type 1) as its argument n, the value being -1 - n (down to -2^64).</summary>
        public ulong ReadNegativeEncoded()
        {
            int start = _position;
            int initial = StartItem();
            if ((initial >> 5) != 1)
            {
                throw Mismatch(initial, start, "a negative integer");
            }

            return ReadArgument(initial, start);
        }

        /// <summary>Reads false or true.</summary>
        public bool ReadBool()
        {
            int start = _position;
            int initial = StartItem();
            if (initial == 0xf4 || initial == 0xf5)
            {
                return initial == 0xf5;
            }

            throw Mismatch(initial, start, "a boolean");
        }

        /// <summary>Reads null.</summary>
        public void ReadNull()
        {
            int start = _position;
            int initial = StartItem();
            if (initial != 0xf6)
            {
                throw Mismatch(initial, start, "null");
            }
        }

        /// <summary>Reads undefined.</summary>
        public void ReadUndefined()
        {
            int start = _position;
            int initial = StartItem();
            if (initial != 0xf7)
            {
                throw Mismatch(initial, start, "undefined");
            }
        }

        /// <summary>Reads any simple value (false/true/null/undefined are 20-23) and returns its number.</summary>
        public int ReadSimple()
        {
            int start = _position;
            int initial = StartItem();
            if ((initial >> 5) != 7 || (initial & 0x1f) > 24)
            {
                throw Mismatch(initial, start, "a simple value");
            }

            return ReadSimpleValue(initial, start);
        }

        /// <summary>Reads a half, single or double precision float as a double (exactly).</summary>
        public double ReadDouble()
        {
            int start = _position;
            int initial = StartItem();
            switch (initial)
            {
                case 0xf9: return FloatWidths.HalfToDouble((int)ReadArgument(initial, start));
                case 0xfa: return FloatWidths.SingleToDouble((uint)ReadArgument(initial, start));
                case 0xfb: return BitConverter.Int64BitsToDouble((long)ReadArgument(initial, start));
                default: throw Mismatch(initial, start, "a float");
            }
        }

        private static bool IsReserved(int initial)
        {
            int info = initial & 0x1f;
            if (info >= 28 && info <= 30)
            {
                return true;
            }

            int major = initial >> 5;
            return info == 31 && (major == 0 || major == 1 || major == 6);
        }

        private static WireFormatException ReservedError(int initial, int start)
        {
            int info = initial & 0x1f;
            string detail = info == 31
                ? "indefinite length is not allowed for " + Describe(initial)
                : "additional information " + info.ToString() + " is reserved";
            return new WireFormatException(WireError.ReservedAdditionalInfo, start, detail);
        }

        private static WireFormatException Mismatch(int initial, int start, string expected)
        {
            if (IsReserved(initial))
            {
                return ReservedError(initial, start);
            }

            return new WireFormatException(WireError.UnexpectedType, start, "expected " + expected + ", found " + Describe(initial));
        }

        private static string Describe(int initial)
        {
            switch (initial >> 5)
            {
                case 0: return "an unsigned integer";
                case 1: return "a negative integer";
                case 2: return "a byte string";
                case 3: return "a text string";
                case 4: return "an array";
                case 5: return "a map";
                case 6: return "a tag";
                default:
                    switch (initial & 0x1f)
                    {
                        case 20:
                        case 21: return "a boolean";
                        case 22: return "null";
                        case 23: return "undefined";
                        case 25:
                        case 26:
                        case 27: return "a float";
                        case 31: return "a break";
                        default: return "a simple value";
                    }
            }
        }

        private static string IntegerText(int major, ulong argument)
        {
            return major == 0 ? argument.ToString() : "-1-" + argument.ToString();
        }

        // Consumes the initial byte of the next item and counts it in its container.
        private int StartItem()
        {
            Settle(0);
            int start = _position;
            if (start >= _end)
            {
                throw new WireFormatException(WireError.Truncated, start, "input ended where a data item was expected");
            }

            int initial = _data[start];
            if (initial == Break)
            {
                throw new WireFormatException(
                    WireError.UnexpectedBreak,
                    start,
                    _depth > 0 && _frameKinds[_depth - 1] > FrameTag
                        ? "break where a data item was expected"
                        : "break outside an indefinite-length item");
            }

            if (_depth > 0)
            {
                CountItem(initial, start);
            }

            _position = start + 1;
            return initial;
        }

        // The head's argument after the initial byte: the value itself, or 1/2/4/8 big-endian bytes.
        private ulong ReadArgument(int initial, int start)
        {
            int info = initial & 0x1f;
            if (info < 24)
            {
                return (ulong)info;
            }

            if (info > 27)
            {
                throw ReservedError(initial, start);
            }

            int size = 1 << (info - 24);
            if (_end - _position < size)
            {
                throw new WireFormatException(WireError.Truncated, start, "input ended inside the head of " + Describe(initial));
            }

            ulong value = 0;
            for (int i = 0; i < size; i++)
            {
                value = (value << 8) | _data[_position + i];
            }

            _position += size;
            return value;
        }

        private int ReadSimpleValue(int initial, int start)
        {
            int info = initial & 0x1f;
            if (info < 24)
            {
                return info;
            }

            int value = (int)ReadArgument(initial, start);
            if (value < 32)
            {
                throw new WireFormatException(WireError.InvalidSimpleValue, start, "simple(" + value.ToString() + ") must use the one-byte form");
            }

            return value;
        }

    }
}
