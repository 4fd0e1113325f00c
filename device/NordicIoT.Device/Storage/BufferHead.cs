using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Storage
{
    /// <summary>The reading buffer's small state file: first kept sequence and readings dropped, replaced atomically.</summary>
    /// <remarks>Layout, little-endian: [0] format version 1, [1..8] first kept sequence, [9..16] dropped count, [17..20] CRC-32 of bytes 0..16.</remarks>
    internal sealed class BufferHead
    {
        /// <summary>The file's name in the buffer's storage.</summary>
        public const string FileName = "rb-head";

        private const byte Version = 1;
        private const int Length = 21;
        private const int CrcAt = 17;

        private readonly IFileStorage _storage;
        private readonly byte[] _bytes = new byte[Length];

        public BufferHead(IFileStorage storage)
        {
            _storage = storage;
        }

        /// <summary>Readings with a lower sequence number have been removed or dropped.</summary>
        public long FirstKept { get; private set; }

        /// <summary>Readings dropped because the buffer was full, since install.</summary>
        public long Dropped { get; private set; }

        /// <summary>Reads the file; both values are 0 when it is missing (nothing removed yet) or damaged (then false).</summary>
        /// <remarks>Replace is atomic, so a damaged head means damaged flash; starting from 0 re-sends removed readings, which the cloud stores once.</remarks>
        public bool Load()
        {
            FirstKept = 0;
            Dropped = 0;
            if (!_storage.Exists(FileName))
            {
                return true;
            }

            if (_storage.Read(FileName, 0, _bytes, 0, Length) != Length || _bytes[0] != Version)
            {
                return false;
            }

            if ((uint)LittleEndian.ReadInt32(_bytes, CrcAt) != Crc32.Compute(_bytes, 0, CrcAt))
            {
                return false;
            }

            FirstKept = LittleEndian.ReadInt64(_bytes, 1);
            Dropped = LittleEndian.ReadInt64(_bytes, 9);
            return true;
        }

        /// <summary>Replaces the file with new values; the values in memory change only once the file has.</summary>
        public void Save(long firstKept, long dropped)
        {
            _bytes[0] = Version;
            LittleEndian.WriteInt64(_bytes, 1, firstKept);
            LittleEndian.WriteInt64(_bytes, 9, dropped);
            LittleEndian.WriteInt32(_bytes, CrcAt, (int)Crc32.Compute(_bytes, 0, CrcAt));
            _storage.Replace(FileName, _bytes, 0, Length);
            FirstKept = firstKept;
            Dropped = dropped;
        }
    }
}
