using System;
using System.Text;

namespace NordicIoT.Schemas.Cbor
{
    // Byte and text strings, definite and chunked.
    public sealed partial class CborReader
    {
        /// <summary>Reads a byte string; the chunks of an indefinite-length one are joined.</summary>
        public byte[] ReadBytes()
        {
            int start = _position;
            int initial = StartItem();
            if ((initial >> 5) != 2)
            {
                throw Mismatch(initial, start, "a byte string");
            }

            if ((initial & 0x1f) == 31)
            {
                return JoinChunks(start, 2);
            }

            int length = ReadLength(initial, start);
            byte[] bytes = new byte[length];
            Array.Copy(_data, _position, bytes, 0, length);
            _position += length;
            return bytes;
        }

        /// <summary>Reads a text string (chunks joined), rejecting anything that is not strict UTF-8.</summary>
        public string ReadText()
        {
            int start = _position;
            int initial = StartItem();
            if ((initial >> 5) != 3)
            {
                throw Mismatch(initial, start, "a text string");
            }

            if ((initial & 0x1f) == 31)
            {
                byte[] joined = JoinChunks(start, 3);
                return Encoding.UTF8.GetString(joined, 0, joined.Length);
            }

            int length = ReadLength(initial, start);
            CheckUtf8(_position, length);
            string text = Encoding.UTF8.GetString(_data, _position, length);
            _position += length;
            return text;
        }

        /// <summary>Opens an indefinite-length byte string to read chunk by chunk with <see cref="ReadBytes"/> until <see cref="TryReadBreak"/>.</summary>
        public void ReadStartIndefiniteBytes()
        {
            int start = _position;
            int initial = StartItem();
            if (initial != 0x5f)
            {
                throw Mismatch(initial, start, "an indefinite-length byte string");
            }

            Push(FrameByteChunks, 0, start);
        }

        /// <summary>Opens an indefinite-length text string to read chunk by chunk with <see cref="ReadText"/> until <see cref="TryReadBreak"/>.</summary>
        public void ReadStartIndefiniteText()
        {
            int start = _position;
            int initial = StartItem();
            if (initial != 0x7f)
            {
                throw Mismatch(initial, start, "an indefinite-length text string");
            }

            Push(FrameTextChunks, 0, start);
        }

        private int ReadLength(int initial, int start)
        {
            ulong length = ReadArgument(initial, start);
            if (length > (ulong)(_end - _position))
            {
                throw new WireFormatException(
                    WireError.LengthExceedsInput,
                    start,
                    Describe(initial) + " of " + length.ToString() + " bytes, only " + (_end - _position).ToString() + " left");
            }

            return (int)length;
        }

        // Checks the chunks of an indefinite-length string whose initial byte was at start and returns
        // their total length; leaves the position after the break.
        private int WalkChunks(int start, int major, bool checkUtf8)
        {
            CheckRoomForLevel(start);

            int total = 0;
            while (true)
            {
                int chunkStart = _position;
                if (chunkStart >= _end)
                {
                    throw new WireFormatException(WireError.Truncated, start, "indefinite-length string not closed by a break");
                }

                int initial = _data[chunkStart];
                if (initial == Break)
                {
                    _position++;
                    return total;
                }

                if ((initial >> 5) != major || (initial & 0x1f) == 31)
                {
                    throw ChunkError(chunkStart, major);
                }

                _position++;
                int length = ReadLength(initial, chunkStart);
                if (checkUtf8)
                {
                    CheckUtf8(_position, length);
                }

                _position += length;
                total += length;
            }
        }

        private byte[] JoinChunks(int start, int major)
        {
            int first = _position;
            byte[] joined = new byte[WalkChunks(start, major, major == 3)];
            int written = 0;
            _position = first;
            while (_data[_position] != Break)
            {
                int chunkStart = _position;
                int initial = _data[_position++];
                int length = (int)ReadArgument(initial, chunkStart);
                Array.Copy(_data, _position, joined, written, length);
                written += length;
                _position += length;
            }

            _position++;
            return joined;
        }

        private void CheckUtf8(int index, int length)
        {
            int invalid = Utf8Validator.FindInvalid(_data, index, length);
            if (invalid >= 0)
            {
                throw new WireFormatException(WireError.InvalidUtf8, invalid, "text is not valid UTF-8");
            }
        }

        private static WireFormatException ChunkError(int start, int major)
        {
            return new WireFormatException(
                WireError.InvalidChunk,
                start,
                major == 2
                    ? "an indefinite-length byte string may only hold definite-length byte strings"
                    : "an indefinite-length text string may only hold definite-length text strings");
        }
    }
}
