using System;
using NordicIoT.Device.Platform;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Storage
{
    /// <summary>Readings kept on flash until the broker acknowledged them: numbered, bounded in bytes, safe against power loss at any byte.</summary>
    /// <remarks>
    /// The sequence numbers held are always the unbroken run <see cref="FirstSequence"/> .. <see cref="NextSequence"/> - 1,
    /// so a caller that read n readings from s removes them with RemoveThrough(s + n - 1). The on-flash format and the
    /// recovery rules are in docs/device-architecture.md, "Reading buffer on flash". Not thread-safe: the device
    /// runtime calls it from its one loop.
    /// </remarks>
    public sealed class ReadingBuffer
    {
        /// <summary>Capacity that fits a 4 MB board's 256 KB I:\ beside certificates and configuration.</summary>
        public const int DefaultCapacityBytes = 64 * 1024;

        /// <summary>Smallest capacity accepted: sixteen segments that each hold a header and a GPS reading.</summary>
        public const int MinCapacityBytes = 1024;

        /// <summary>Largest segment file.</summary>
        public const int MaxSegmentBytes = 4096;

        // A full buffer drops one segment: a sixteenth of its capacity (or 4 KB) at a time.
        private const int SegmentsPerCapacity = 16;

        private readonly IFileStorage _storage;
        private readonly int _capacity;
        private readonly int _segmentBytes;
        private readonly BufferHead _head;
        private readonly SegmentTable _segments;
        private readonly byte[] _record = new byte[RecordFormat.MaxLength];

        // What one Append writes: a segment header (when the reading starts a segment), then the record.
        private readonly byte[] _write = new byte[SegmentHeader.Length + RecordFormat.MaxLength];
        private readonly int[] _values = new int[SensorKind.MaxDimensions];
        private bool _opened;

        // Set when a storage call failed part-way: memory may no longer match flash, so the next call scans again.
        private bool _stale;
        private long _next;

        // Where the last Read stopped, so the next one (usually from there) does not walk the segment again.
        private long _cursorSequence;
        private long _cursorSegmentFirst;
        private int _cursorPosition;

        /// <summary>Creates a buffer of at most <paramref name="capacityBytes"/> bytes of segment files in <paramref name="storage"/>; call <see cref="Open"/> before use.</summary>
        public ReadingBuffer(IFileStorage storage, int capacityBytes)
        {
            if (storage == null)
            {
                throw new ArgumentNullException(nameof(storage));
            }

            if (capacityBytes < MinCapacityBytes)
            {
                throw new ArgumentOutOfRangeException(nameof(capacityBytes), "the reading buffer needs at least " + MinCapacityBytes.ToString() + " bytes, not " + capacityBytes.ToString());
            }

            _storage = storage;
            _capacity = capacityBytes;
            _segmentBytes = Math.Min(MaxSegmentBytes, capacityBytes / SegmentsPerCapacity);

            // Segments cut short by a failed append or a torn tail can be smaller than _segmentBytes: leave room for them.
            _segments = new SegmentTable(2 * (capacityBytes / _segmentBytes));
            _head = new BufferHead(storage);
        }

        /// <summary>Sequence number of the oldest reading held (equal to <see cref="NextSequence"/> when empty).</summary>
        public long FirstSequence
        {
            get
            {
                long first = _segments.Count > 0 ? _segments.First(0) : _next;
                return first > _head.FirstKept ? first : _head.FirstKept;
            }
        }

        /// <summary>The sequence number the next Append gives its reading.</summary>
        public long NextSequence
        {
            get { return _next; }
        }

        /// <summary>Readings held.</summary>
        public int Count
        {
            get { return (int)(_next - FirstSequence); }
        }

        /// <summary>Readings dropped because the buffer was full (or lost to damaged flash), since install; kept on flash.</summary>
        public long Dropped
        {
            get { return _head.Dropped; }
        }

        /// <summary>Share of the capacity the segment files take, 0 to 100.</summary>
        public int FillPercent
        {
            get
            {
                long percent = (long)_segments.TotalBytes * 100 / _capacity;
                return percent < 100 ? (int)percent : 100;
            }
        }

        /// <summary>Reads the head and every segment, cutting off torn or damaged records; call once before use.</summary>
        /// <remarks>After a failed storage call or a <see cref="BufferCorruptException"/> the buffer does this again by itself on its next call.</remarks>
        public void Open()
        {
            _opened = true;
            Recover();
        }

        /// <summary>Stores one reading whose values are <paramref name="values"/>[offset .. offset + dimensions of the sensor); drops the oldest segment when full.</summary>
        public void Append(int sensor, long time, int[] values, int offset)
        {
            CheckOpened();
            if (!SensorKind.IsValid(sensor))
            {
                throw new ArgumentException("sensor id " + sensor.ToString() + " is not defined");
            }

            if (values == null)
            {
                throw new ArgumentNullException(nameof(values));
            }

            int dims = SensorKind.Dimensions(sensor);
            if (offset < 0 || offset > values.Length - dims)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), "sensor " + sensor.ToString() + " needs " + dims.ToString() + " values from offset " + offset.ToString() + " in an array of " + values.Length.ToString());
            }

            int length = RecordFormat.Encode(_write, SegmentHeader.Length, sensor, time, values, offset);
            bool roll = _segments.Count == 0 || _segments.Bytes(_segments.Last) + length > _segmentBytes;
            int from = roll ? 0 : SegmentHeader.Length;
            int bytes = SegmentHeader.Length + length - from;
            _stale = true;
            if (roll && _segments.Count == _segments.Slots)
            {
                DropOldest();
            }

            int keep = roll ? 0 : 1;
            while (_segments.Count > keep && _segments.TotalBytes + bytes > _capacity)
            {
                DropOldest();
            }

            // The header goes in the same append as the first record: a segment on flash always has one, torn or not.
            if (roll)
            {
                SegmentHeader.Write(_write, _next);
                _segments.StartNew(_next);
            }

            _storage.Append(_segments.Name(_segments.Last), _write, from, bytes);
            _segments.GrowLast(bytes);
            _next++;
            _stale = false;
        }

        /// <summary>Adds readings from sequence max(<paramref name="fromSequence"/>, <see cref="FirstSequence"/>) on, oldest first, to <paramref name="into"/> until it is full or <paramref name="max"/> were added; returns how many.</summary>
        public int Read(long fromSequence, ReadingBatch into, int max)
        {
            CheckOpened();
            if (into == null)
            {
                throw new ArgumentNullException(nameof(into));
            }

            if (max < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(max), "cannot read " + max.ToString() + " readings");
            }

            long first = FirstSequence;
            long sequence = fromSequence > first ? fromSequence : first;
            int copied = 0;
            int index = -1;
            int position = 0;
            while (copied < max && sequence < _next)
            {
                if (index < 0 || sequence >= _segments.End(index))
                {
                    index = _segments.IndexOf(sequence);
                    position = PositionOf(index, sequence);
                }

                string name = _segments.Name(index);
                int length = RecordFormat.IntactLength(_record, _storage.Read(name, position, _record, 0, RecordFormat.MaxLength));
                if (length == 0)
                {
                    _stale = true;
                    throw new BufferCorruptException("reading " + sequence.ToString() + " in " + name + " at byte " + position.ToString() + " is damaged; the next call cuts it off");
                }

                int sensor = RecordFormat.Sensor(_record);
                if (!into.HasRoomFor(sensor))
                {
                    break;
                }

                RecordFormat.CopyValues(_record, _values);
                into.Add(sensor, RecordFormat.Time(_record), _values, 0);
                position += length;
                sequence++;
                copied++;
            }

            if (index >= 0)
            {
                _cursorSequence = sequence;
                _cursorSegmentFirst = _segments.First(index);
                _cursorPosition = position;
            }

            return copied;
        }

        /// <summary>Removes every reading with a sequence number up to <paramref name="sequence"/>; readings already removed or dropped are ignored.</summary>
        public void RemoveThrough(long sequence)
        {
            CheckOpened();
            if (sequence >= _next)
            {
                throw new ArgumentOutOfRangeException(nameof(sequence), "reading " + sequence.ToString() + " does not exist: the next one will be " + _next.ToString());
            }

            if (sequence < FirstSequence)
            {
                return;
            }

            // The head goes first: if power fails before the deletes, Open() deletes what the head says is gone.
            _stale = true;
            _head.Save(sequence + 1, _head.Dropped);
            DeleteRemovedSegments();
            _stale = false;
        }

        private void CheckOpened()
        {
            if (!_opened)
            {
                throw new InvalidOperationException("call Open() on the reading buffer before using it");
            }

            if (_stale)
            {
                Recover();
            }
        }

        // Rebuilds the state in memory from flash, repairing what a power loss or a failed write left behind.
        private void Recover()
        {
            _stale = true;
            _segments.Clear();
            _cursorSequence = -1;
            bool headTrusted = _head.Load();
            int count;
            string[] names;
            long[] firsts = ListSegments(out names, out count);
            for (int i = 0; i < count; i++)
            {
                AdoptSegment(names[i], firsts[i], headTrusted);
            }

            while (_segments.TotalBytes > _capacity)
            {
                DropOldest();
            }

            _next = _segments.Count > 0 ? _segments.End(_segments.Last) : 0;
            if (_head.FirstKept > _next)
            {
                _next = _head.FirstKept;
            }

            _stale = false;
        }

        // The segment files in storage with the first sequence numbers their headers give, ascending. A file whose
        // header is torn or damaged is deleted: like a torn first record, it can only hold a reading that was never
        // acknowledged as appended (or damaged flash, which the numbering check then counts).
        private long[] ListSegments(out string[] names, out int count)
        {
            string[] all = _storage.List();
            long[] firsts = new long[all.Length];
            names = new string[all.Length];
            count = 0;
            foreach (string name in all)
            {
                if (SegmentTable.ParseName(name) < 0)
                {
                    continue;
                }

                long first = SegmentHeader.FirstOf(_record, _storage.Read(name, 0, _record, 0, SegmentHeader.Length));
                if (first < 0)
                {
                    _storage.Delete(name);
                    continue;
                }

                int at = count;
                while (at > 0 && firsts[at - 1] > first)
                {
                    firsts[at] = firsts[at - 1];
                    names[at] = names[at - 1];
                    at--;
                }

                firsts[at] = first;
                names[at] = name;
                count++;
            }

            return firsts;
        }

        // Open(): checks one segment file (in ascending order) and adds what is intact, keeping the numbering unbroken.
        private void AdoptSegment(string name, long first, bool headTrusted)
        {
            int bytes;
            int records = CountIntactRecords(name, out bytes);
            if (records == 0 || first + records <= _head.FirstKept)
            {
                _storage.Delete(name);
                return;
            }

            if (bytes < _storage.Length(name))
            {
                CutTail(name, bytes);
            }

            long expected = _segments.Count > 0 ? _segments.End(_segments.Last) : (headTrusted ? _head.FirstKept : first);
            if (first > expected || (first < expected && _segments.Count > 0))
            {
                // Readings are missing before this segment (or it overlaps the previous one): only the newer run can
                // be numbered without holes, so the older segments go, counted as dropped like the missing readings.
                while (_segments.Count > 0)
                {
                    DropOldest();
                }

                if (first > _head.FirstKept)
                {
                    _head.Save(first, _head.Dropped + first - _head.FirstKept);
                }
            }

            if (_segments.Count == _segments.Slots)
            {
                DropOldest();
            }

            _segments.Adopt(name, first, records, bytes);
        }

        private int CountIntactRecords(string name, out int bytes)
        {
            int records = 0;
            int position = SegmentHeader.Length;
            while (true)
            {
                int length = RecordFormat.IntactLength(_record, _storage.Read(name, position, _record, 0, RecordFormat.MaxLength));
                if (length == 0)
                {
                    bytes = position;
                    return records;
                }

                position += length;
                records++;
            }
        }

        // Recovery only (a torn append), so the one allocation of up to a segment's size is acceptable.
        private void CutTail(string name, int keepBytes)
        {
            byte[] intact = new byte[keepBytes];
            if (_storage.Read(name, 0, intact, 0, keepBytes) != keepBytes)
            {
                throw new BufferCorruptException(name + " shrank while the reading buffer was recovering it");
            }

            _storage.Replace(name, intact, 0, keepBytes);
        }

        // Byte offset in its segment of the record of a held reading.
        private int PositionOf(int index, long sequence)
        {
            long first = _segments.First(index);
            if (sequence == _cursorSequence && first == _cursorSegmentFirst)
            {
                return _cursorPosition;
            }

            string name = _segments.Name(index);
            int position = SegmentHeader.Length;
            for (long skipped = first; skipped < sequence; skipped++)
            {
                if (_storage.Read(name, position, _record, 0, 1) != 1)
                {
                    _stale = true;
                    throw new BufferCorruptException(name + " ends before reading " + sequence.ToString() + "; the next call cuts it off");
                }

                position += _record[0];
            }

            return position;
        }

        // Drops the oldest segment's readings that are still held, counting them.
        private void DropOldest()
        {
            long end = _segments.End(0);
            if (end > _head.FirstKept)
            {
                long from = _segments.First(0) > _head.FirstKept ? _segments.First(0) : _head.FirstKept;
                _head.Save(end, _head.Dropped + end - from);
            }

            DeleteRemovedSegments();
        }

        private void DeleteRemovedSegments()
        {
            while (_segments.Count > 0 && _segments.End(0) <= _head.FirstKept)
            {
                _storage.Delete(_segments.Name(0));
                _segments.RemoveFirst();
            }
        }
    }
}
