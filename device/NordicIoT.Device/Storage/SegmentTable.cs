namespace NordicIoT.Device.Storage
{
    /// <summary>The reading buffer's segment files, oldest first, in fixed arrays used as a ring (no allocation once full).</summary>
    /// <remarks>Segment i holds the readings First(i) .. End(i) - 1 in a file named "rb-" + First(i).</remarks>
    internal sealed class SegmentTable
    {
        private const string NamePrefix = "rb-";

        // 18 digits always fit a long, and sequences never get near 10^18.
        private const int MaxDigits = 18;

        private readonly long[] _first;
        private readonly int[] _records;
        private readonly int[] _bytes;
        private readonly string[] _names;
        private int _start;

        public SegmentTable(int slots)
        {
            _first = new long[slots];
            _records = new int[slots];
            _bytes = new int[slots];
            _names = new string[slots];
        }

        /// <summary>Segments held.</summary>
        public int Count { get; private set; }

        /// <summary>Most segments the table holds.</summary>
        public int Slots
        {
            get { return _first.Length; }
        }

        /// <summary>Bytes of all segment files together.</summary>
        public int TotalBytes { get; private set; }

        /// <summary>Index of the newest segment.</summary>
        public int Last
        {
            get { return Count - 1; }
        }

        /// <summary>The file name of the segment whose first reading has sequence number <paramref name="first"/>.</summary>
        public static string NameOf(long first)
        {
            return NamePrefix + first.ToString();
        }

        /// <summary>The first sequence number named by a segment file name, or -1 when the name is not one (other files share the folder).</summary>
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

            long first = 0;
            for (int i = NamePrefix.Length; i < name.Length; i++)
            {
                char c = name[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                first = first * 10 + (c - '0');
            }

            return first;
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

        /// <summary>Adds a segment after the newest; the caller keeps <see cref="Count"/> below <see cref="Slots"/>.</summary>
        public void AddLast(long first, int records, int bytes)
        {
            int slot = Slot(Count);
            _first[slot] = first;
            _records[slot] = records;
            _bytes[slot] = bytes;
            _names[slot] = NameOf(first);
            Count++;
            TotalBytes += bytes;
        }

        /// <summary>Counts one more record of <paramref name="bytes"/> in the newest segment.</summary>
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

        private int Slot(int index)
        {
            return (_start + index) % _first.Length;
        }
    }
}
