namespace NordicIoT.Device.Storage
{
    /// <summary>The reading buffer's segment files, oldest first, in fixed arrays used as a ring (no allocation once built).</summary>
    /// <remarks>
    /// Segment i holds the readings First(i) .. End(i) - 1; its file starts with a <see cref="SegmentHeader"/> that says
    /// First(i). New segments take a free name from "rb-0" .. "rb-" + (Slots - 1), made once here and reused
    /// cyclically, so starting a segment allocates no string. Open() may also find segments under names outside that
    /// set (written with a larger capacity); they keep the name listed by the storage until deleted.
    /// </remarks>
    internal sealed class SegmentTable
    {
        private const string NamePrefix = "rb-";

        // 18 digits always fit a long; names with more are not segments.
        private const int MaxDigits = 18;

        private readonly long[] _first;
        private readonly int[] _records;
        private readonly int[] _bytes;
        private readonly string[] _names;

        // Per table slot: the index of its name in _pool, or -1 for a name outside the set.
        private readonly int[] _poolIndex;
        private readonly string[] _pool;
        private readonly bool[] _poolUsed;
        private int _nextName;
        private int _start;

        public SegmentTable(int slots)
        {
            _first = new long[slots];
            _records = new int[slots];
            _bytes = new int[slots];
            _names = new string[slots];
            _poolIndex = new int[slots];
            _pool = new string[slots];
            _poolUsed = new bool[slots];
            for (int i = 0; i < slots; i++)
            {
                _pool[i] = NamePrefix + i.ToString();
            }
        }

        /// <summary>Segments held.</summary>
        public int Count { get; private set; }

        /// <summary>Most segments the table holds.</summary>
        public int Slots
        {
            get { return _first.Length; }
        }

        /// <summary>Bytes of all segment files together, headers included.</summary>
        public int TotalBytes { get; private set; }

        /// <summary>Index of the newest segment.</summary>
        public int Last
        {
            get { return Count - 1; }
        }

        /// <summary>The number in a segment file name ("rb-" and decimal digits without leading zeros), or -1 when the name is not one (other files share the folder).</summary>
        public static long ParseName(string name)
        {
            int digits = name.Length - NamePrefix.Length;
            if (digits < 1 || digits > MaxDigits || (digits > 1 && name[NamePrefix.Length] == '0'))
            {
                return -1;
            }

            for (int i = 0; i < NamePrefix.Length; i++)
            {
                if (name[i] != NamePrefix[i])
                {
                    return -1;
                }
            }

            long number = 0;
            for (int i = NamePrefix.Length; i < name.Length; i++)
            {
                char c = name[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                number = number * 10 + (c - '0');
            }

            return number;
        }

        public long First(int index)
        {
            return _first[Slot(index)];
        }

        /// <summary>One past the sequence number of the segment's last reading.</summary>
        public long End(int index)
        {
            int slot = Slot(index);
            return _first[slot] + _records[slot];
        }

        public int Records(int index)
        {
            return _records[Slot(index)];
        }

        public int Bytes(int index)
        {
            return _bytes[Slot(index)];
        }

        public string Name(int index)
        {
            return _names[Slot(index)];
        }

        /// <summary>Index of the segment holding sequence number <paramref name="sequence"/>, or -1.</summary>
        public int IndexOf(long sequence)
        {
            for (int i = 0; i < Count; i++)
            {
                if (sequence >= First(i) && sequence < End(i))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Adds an empty segment after the newest under the next free name of the set; the caller keeps <see cref="Count"/> below <see cref="Slots"/>.</summary>
        /// <remarks>Every name in use belongs to a held segment, and Count is below Slots, so a free name exists.</remarks>
        public void StartNew(long first)
        {
            int name = _nextName;
            while (_poolUsed[name])
            {
                name = (name + 1) % _pool.Length;
            }

            _nextName = (name + 1) % _pool.Length;
            Add(_pool[name], name, first, 0, 0);
        }

        /// <summary>Adds a segment found on flash under <paramref name="name"/> after the newest; the caller keeps <see cref="Count"/> below <see cref="Slots"/>.</summary>
        public void Adopt(string name, long first, int records, int bytes)
        {
            long number = ParseName(name);
            int poolIndex = number >= 0 && number < _pool.Length ? (int)number : -1;
            if (poolIndex >= 0)
            {
                // Adopted in ascending order, so the newest name decides where the cycle goes on.
                _nextName = (poolIndex + 1) % _pool.Length;
            }

            Add(poolIndex >= 0 ? _pool[poolIndex] : name, poolIndex, first, records, bytes);
        }

        /// <summary>Counts one more record in the newest segment, taking <paramref name="bytes"/> more (its header too when it is the first).</summary>
        public void GrowLast(int bytes)
        {
            int slot = Slot(Last);
            _records[slot]++;
            _bytes[slot] += bytes;
            TotalBytes += bytes;
        }

        public void RemoveFirst()
        {
            TotalBytes -= _bytes[_start];
            if (_poolIndex[_start] >= 0)
            {
                _poolUsed[_poolIndex[_start]] = false;
            }

            _start = (_start + 1) % _first.Length;
            Count--;
        }

        public void Clear()
        {
            while (Count > 0)
            {
                RemoveFirst();
            }

            _start = 0;
        }

        private void Add(string name, int poolIndex, long first, int records, int bytes)
        {
            int slot = Slot(Count);
            _first[slot] = first;
            _records[slot] = records;
            _bytes[slot] = bytes;
            _names[slot] = name;
            _poolIndex[slot] = poolIndex;
            if (poolIndex >= 0)
            {
                _poolUsed[poolIndex] = true;
            }

            Count++;
            TotalBytes += bytes;
        }

        private int Slot(int index)
        {
            return (_start + index) % _first.Length;
        }
    }
}
