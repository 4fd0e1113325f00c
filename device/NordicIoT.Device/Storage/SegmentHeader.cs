namespace NordicIoT.Device.Storage
{
    /// <summary>The first bytes of a segment file: the sequence number of its first reading, with its own CRC.</summary>
    /// <remarks>
    /// Layout, little-endian: [0] format version 1, [1..8] first sequence (int64, never negative), [9..12] CRC-32 of
    /// bytes 0..8. Segment files have reused names, so this is the only place a segment's numbering is kept.
    /// </remarks>
    internal static class SegmentHeader
    {
        /// <summary>Bytes of the header; the first record follows it.</summary>
        public const int Length = 13;

        private const byte Version = 1;
        private const int FirstAt = 1;
        private const int CrcAt = 9;

        /// <summary>Writes the header of a segment whose first reading is <paramref name="first"/> into <paramref name="buffer"/>[0 .. <see cref="Length"/>).</summary>
        public static void Write(byte[] buffer, long first)
        {
            buffer[0] = Version;
            LittleEndian.WriteInt64(buffer, FirstAt, first);
            LittleEndian.WriteInt32(buffer, CrcAt, (int)Crc32.Compute(buffer, 0, CrcAt));
        }

        /// <summary>The first sequence number in a header read into <paramref name="buffer"/> (<paramref name="available"/> bytes of it), or -1 when it is torn or damaged.</summary>
        public static long FirstOf(byte[] buffer, int available)
        {
            if (available < Length || buffer[0] != Version)
            {
                return -1;
            }

            if ((uint)LittleEndian.ReadInt32(buffer, CrcAt) != Crc32.Compute(buffer, 0, CrcAt))
            {
                return -1;
            }

            long first = LittleEndian.ReadInt64(buffer, FirstAt);
            return first >= 0 ? first : -1;
        }
    }
}
