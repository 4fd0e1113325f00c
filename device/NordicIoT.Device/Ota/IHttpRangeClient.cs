namespace NordicIoT.Device.Ota
{
    /// <summary>The platform's HTTP(S) client for firmware downloads: one ranged GET at a time, into a caller's buffer.</summary>
    /// <remarks>Small ranges keep a constrained TLS stack's buffers small (about 2 KB per fragment by default).</remarks>
    public interface IHttpRangeClient
    {
        /// <summary>
        /// GETs bytes <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> - 1 of <paramref name="url"/>
        /// (an "Authorization: Bearer" header carries <paramref name="bearerToken"/> unless it is empty) into
        /// <paramref name="buffer"/> from <paramref name="offset"/>; returns how many bytes arrived (fewer at the end of the
        /// resource) and sets <paramref name="totalSize"/> to the resource's size from the Content-Range header.
        /// </summary>
        /// <exception cref="DownloadTransportException">The connection failed or dropped before the range was complete; try again later.</exception>
        /// <exception cref="DownloadRefusedException">The server answered, but not with 206 Partial Content (401, 403, 404, 416, ...).</exception>
        int Get(string url, string bearerToken, long start, byte[] buffer, int offset, int count, out long totalSize);

        /// <summary>Closes a connection kept open for the next <see cref="Get"/>, if any; the agent calls it when a download ends, so an idle device holds no socket.</summary>
        void Close();
    }
}
