namespace NordicIoT.Device.Ota.Http
{
    /// <summary>An open connection as the HTTP client sees it: bytes in, bytes out, close.</summary>
    /// <remarks>Not System.IO.Stream, so the device library needs no stream package: each platform wraps its own stream in these three calls.</remarks>
    public interface IByteStream
    {
        /// <summary>Reads up to <paramref name="count"/> bytes into <paramref name="buffer"/> from <paramref name="offset"/>; returns how many came, 0 when the peer closed the connection. Throws when the read fails or times out.</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Writes <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>. Throws when the write fails or times out.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Closes the connection; closing one that already broke does nothing.</summary>
        void Close();
    }
}
