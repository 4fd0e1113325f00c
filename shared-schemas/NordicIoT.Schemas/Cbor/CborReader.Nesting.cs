using System;

namespace NordicIoT.Schemas.Cbor
{
    // Nesting: containers, tags, breaks, skipping and the depth bookkeeping described on the class.
    public sealed partial class CborReader
    {
        /// <summary>Opens an array: its item count, or -1 for indefinite length (then read items until <see cref="TryReadBreak"/>).</summary>
        public int ReadArrayHeader()
        {
            int start = _position;
            int initial = StartItem();
            if ((initial >> 5) != 4)
            {
                throw Mismatch(initial, start, "an array");
            }

            return OpenContainer(initial, start);
        }

        /// <summary>Opens a map: its number of key/value pairs, or -1 for indefinite length.</summary>
        public int ReadMapHeader()
        {
            int start = _position;
            int initial = StartItem();
            if ((initial >> 5) != 5)
            {
                throw Mismatch(initial, start, "a map");
            }

            return OpenContainer(initial, start);
        }

        /// <summary>Reads a tag number; the next item read is its content.</summary>
        public ulong ReadTag()
        {
            int start = _position;
            int initial = StartItem();
            if ((initial >> 5) != 6)
            {
                throw Mismatch(initial, start, "a tag");
            }

            ulong tag = ReadArgument(initial, start);
            Push(FrameTag, 1, start);
            return tag;
        }

        /// <summary>Consumes the break that ends the innermost indefinite-length container or string and returns true; false if the next byte is not such a break.</summary>
        public bool TryReadBreak()
        {
            Settle(0);
            if (_depth == 0 || _position >= _end || _data[_position] != Break)
            {
                return false;
            }

            int top = _depth - 1;
            int kind = _frameKinds[top];
            if (kind <= FrameTag)
            {
                // A break in a definite container: the next read reports it.
                return false;
            }

            if (kind == FrameIndefiniteMap && (_frameCounts[top] & 1) != 0)
            {
                throw BreakInValuePosition();
            }

            _position++;
            _depth--;
            return true;
        }

        /// <summary>Closes the innermost array: TooManyItems if it has unread items; consumes the break of an indefinite one.</summary>
        public void ReadEndArray()
        {
            CloseContainer(FrameArray, FrameIndefiniteArray, "array");
        }

        /// <summary>Closes the innermost map: TooManyItems if it has unread items; consumes the break of an indefinite one.</summary>
        public void ReadEndMap()
        {
            CloseContainer(FrameMap, FrameIndefiniteMap, "map");
        }

        /// <summary>Skips one complete data item, nested items included, checking well-formedness (not UTF-8) and the depth limit.</summary>
        public void SkipValue()
        {
            Settle(0);
            int floor = _depth;
            SkipHead();
            while (true)
            {
                Settle(floor);
                if (_depth == floor)
                {
                    return;
                }

                if (!TryReadBreak())
                {
                    SkipHead();
                }
            }
        }

        /// <summary>Throws TrailingBytes if any input is left, or Truncated if the input ended inside a container.</summary>
        public void ExpectEnd()
        {
            Settle(0);
            if (_position < _end)
            {
                throw new WireFormatException(WireError.TrailingBytes, _position, (_end - _position).ToString() + " bytes left unread");
            }

            if (_depth > 0)
            {
                throw new WireFormatException(WireError.Truncated, _position, "input ended inside " + _depth.ToString() + " open containers");
            }
        }

        // A definite container or tag whose last item has been read is finished but stays on the stack until the
        // next read; this is the depth without such levels, never below floor.
        private int SettledDepth(int floor)
        {
            int depth = _depth;
            while (depth > floor && _frameKinds[depth - 1] <= FrameTag && _frameCounts[depth - 1] == 0)
            {
                depth--;
            }

            return depth;
        }

        private void Settle(int floor)
        {
            _depth = SettledDepth(floor);
        }

        private void CountItem(int initial, int start)
        {
            int top = _depth - 1;
            int kind = _frameKinds[top];
            if (kind <= FrameTag)
            {
                _frameCounts[top]--;
                return;
            }

            if (kind >= FrameByteChunks)
            {
                int major = kind == FrameByteChunks ? 2 : 3;
                if ((initial >> 5) != major || (initial & 0x1f) == 31)
                {
                    throw ChunkError(start, major);
                }
            }

            _frameCounts[top]++;
        }

        private void Push(byte kind, int count, int start)
        {
            CheckRoomForLevel(start);
            _frameKinds[_depth] = kind;
            _frameCounts[_depth] = count;
            _depth++;
        }

        private void CheckRoomForLevel(int start)
        {
            if (_depth >= _maxDepth)
            {
                throw new WireFormatException(WireError.DepthExceeded, start, "nesting deeper than " + _maxDepth.ToString() + " levels");
            }
        }

        private int OpenContainer(int initial, int start)
        {
            bool isMap = (initial >> 5) == 5;
            if ((initial & 0x1f) == 31)
            {
                Push(isMap ? FrameIndefiniteMap : FrameIndefiniteArray, 0, start);
                return -1;
            }

            ulong count = ReadArgument(initial, start);
            ulong itemsPerEntry = isMap ? 2UL : 1UL;
            ulong left = (ulong)(_end - _position);
            if (count > left / itemsPerEntry)
            {
                throw new WireFormatException(
                    WireError.LengthExceedsInput,
                    start,
                    Describe(initial) + " of " + count.ToString() + " entries, only " + left.ToString() + " bytes left");
            }

            Push(isMap ? FrameMap : FrameArray, (int)(count * itemsPerEntry), start);
            return (int)count;
        }

        private void CloseContainer(byte definiteKind, byte indefiniteKind, string name)
        {
            // A tag whose content has been read closes with it, so it may sit above the container.
            while (_depth > 0 && _frameKinds[_depth - 1] == FrameTag && _frameCounts[_depth - 1] == 0)
            {
                _depth--;
            }

            int top = _depth - 1;
            int kind = top >= 0 ? _frameKinds[top] : -1;
            if (kind == definiteKind)
            {
                if (_frameCounts[top] != 0)
                {
                    throw new WireFormatException(WireError.TooManyItems, _position, name + " has " + _frameCounts[top].ToString() + " unread items");
                }

                _depth--;
                return;
            }

            if (kind != indefiniteKind)
            {
                throw new InvalidOperationException("the innermost open container is not " + (name == "map" ? "a map" : "an array"));
            }

            if (_position >= _end)
            {
                throw new WireFormatException(WireError.Truncated, _position, "indefinite-length " + name + " not closed by a break");
            }

            if (_data[_position] != Break)
            {
                throw new WireFormatException(WireError.TooManyItems, _position, "indefinite-length " + name + " has more items than were read");
            }

            if (kind == FrameIndefiniteMap && (_frameCounts[top] & 1) != 0)
            {
                throw BreakInValuePosition();
            }

            _position++;
            _depth--;
        }

        private WireFormatException BreakInValuePosition()
        {
            return new WireFormatException(WireError.UnexpectedBreak, _position, "break after a map key, where its value belongs");
        }

        private void SkipHead()
        {
            int start = _position;
            int initial = StartItem();
            switch (initial >> 5)
            {
                case 2:
                case 3:
                    if ((initial & 0x1f) == 31)
                    {
                        WalkChunks(start, initial >> 5, false);
                    }
                    else
                    {
                        // Not "_position += ReadLength(...)": that would add to the position from before the head.
                        int length = ReadLength(initial, start);
                        _position += length;
                    }

                    return;
                case 4:
                case 5:
                    OpenContainer(initial, start);
                    return;
                case 6:
                    ReadArgument(initial, start);
                    Push(FrameTag, 1, start);
                    return;
                case 7:
                    if ((initial & 0x1f) <= 24)
                    {
                        ReadSimpleValue(initial, start);
                    }
                    else
                    {
                        ReadArgument(initial, start);
                    }

                    return;
                default:
                    ReadArgument(initial, start);
                    return;
            }
        }
    }
}
