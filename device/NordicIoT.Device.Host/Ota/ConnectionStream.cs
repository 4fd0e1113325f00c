using NordicIoT.Device.Ota.Http;

namespace NordicIoT.Device.Host.Ota;

/// <summary>A connected <see cref="Stream"/> as the device library's HTTP client sees it; closing it closes the socket.</summary>
internal sealed class ConnectionStream(Stream stream) : IByteStream
{
    /// <inheritdoc/>
    public int Read(byte[] buffer, int offset, int count) => stream.Read(buffer, offset, count);

    /// <inheritdoc/>
    public void Write(byte[] buffer, int offset, int count) => stream.Write(buffer, offset, count);

    /// <inheritdoc/>
    public void Close()
    {
        try
        {
            stream.Dispose();
        }
        catch (IOException)
        {
            // A TLS close_notify on a connection that already broke: nothing left to release.
        }
    }
}
