namespace NordicIoT.Device.Ota.Http
{
    /// <summary>The platform's way to a byte stream: TCP to a host and port, with TLS or without.</summary>
    public interface IStreamConnector
    {
        /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/> (TLS when <paramref name="tls"/>, verified against the platform's trusted CAs) and returns the open stream; reads and writes on it time out.</summary>
        /// <exception cref="DownloadTransportException">No DNS answer, no connection, or a failed TLS handshake.</exception>
        IByteStream Open(string host, int port, bool tls);
    }
}
