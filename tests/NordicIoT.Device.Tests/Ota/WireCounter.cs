using NordicIoT.Device.Host.Ota;
using NordicIoT.Device.Ota.Http;

namespace NordicIoT.Device.Tests.Ota;

/// <summary>Opens the device's download connections (plain TCP, through <see cref="TcpStreamConnector"/>) and counts them and the bytes they carry (HTTP headers and bodies; not TCP/IP headers).</summary>
internal sealed class WireCounter(TimeSpan timeout) : IStreamConnector
{
    private readonly TcpStreamConnector _tcp = new(trustedCa: null, timeout);
    private long _received;
    private long _sent;
    private int _connections;

    public long Received => Interlocked.Read(ref _received);

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Connections opened so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public IByteStream Open(string host, int port, bool tls)
    {
        var stream = _tcp.Open(host, port, tls);
        Interlocked.Increment(ref _connections);
        return new CountingStream(stream, this);
    }

    private sealed class CountingStream(IByteStream inner, WireCounter counter) : IByteStream
    {
        public int Read(byte[] buffer, int offset, int count)
        {
            int read = inner.Read(buffer, offset, count);
            Interlocked.Add(ref counter._received, Math.Max(read, 0));
            return read;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            Interlocked.Add(ref counter._sent, count);
            inner.Write(buffer, offset, count);
        }

        public void Close() => inner.Close();
    }
}
