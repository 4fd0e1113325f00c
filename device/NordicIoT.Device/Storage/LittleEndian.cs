namespace NordicIoT.Device.Storage
{
    /// <summary>Fixed-width little-endian integers in byte arrays, without BitConverter's per-call arrays.</summary>
    internal static class LittleEndian
    {
        public static void WriteInt32(byte[] buffer, int at, int value)
        {
            buffer[at] = (byte)value;
            buffer[at + 1] = (byte)(value >> 8);
            buffer[at + 2] = (byte)(value >> 16);
            buffer[at + 3] = (byte)(value >> 24);
        }

        public static int ReadInt32(byte[] buffer, int at)
        {
            return buffer[at] | (buffer[at + 1] << 8) | (buffer[at + 2] << 16) | (buffer[at + 3] << 24);
        }

        public static void WriteInt64(byte[] buffer, int at, long value)
        {
            WriteInt32(buffer, at, (int)value);
            WriteInt32(buffer, at + 4, (int)(value >> 32));
        }

        public static long ReadInt64(byte[] buffer, int at)
        {
            return (uint)ReadInt32(buffer, at) | ((long)ReadInt32(buffer, at + 4) << 32);
        }
    }
}
