using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using NordicIoT.Device.Ota;
using NordicIoT.Device.Ota.Http;

namespace NordicIoT.Device.App.Board
{
    /// <summary>The board's <see cref="IStreamConnector"/>: a nanoFramework <see cref="Socket"/>, wrapped in an <see cref="SslStream"/> (TLS 1.2, the download CAs) for https.</summary>
    /// <remarks>The socket's receive and send timeouts bound every read and write, TLS ones included (SslStream reads with the socket's timeout).</remarks>
    public sealed class NanoStreamConnector : IStreamConnector
    {
        private readonly X509Certificate _trustedCa;
        private readonly int _timeoutMilliseconds;

        /// <summary>Trusts the CA certificates in <paramref name="trustedCaPem"/> (one or more, PEM) for TLS; connecting, each read and each write may take <paramref name="timeoutMilliseconds"/>.</summary>
        public NanoStreamConnector(string trustedCaPem, int timeoutMilliseconds)
        {
            if (timeoutMilliseconds < 1000)
            {
                throw new ArgumentOutOfRangeException(nameof(timeoutMilliseconds), "a download timeout under 1 s cannot cover a TLS handshake");
            }

            try
            {
                _trustedCa = new X509Certificate(trustedCaPem);
            }
            catch (Exception e)
            {
                throw new ArgumentException("the download CA certificates are not PEM: " + e.Message);
            }

            _timeoutMilliseconds = timeoutMilliseconds;
        }

        /// <inheritdoc/>
        public IByteStream Open(string host, int port, bool tls)
        {
            IPAddress address;
            try
            {
                // getaddrinfo takes literal addresses as well as names.
                IPAddress[] addresses = Dns.GetHostEntry(host).AddressList;
                if (addresses.Length == 0)
                {
                    throw new DownloadTransportException("no address for " + host);
                }

                address = addresses[0];
            }
            catch (DownloadTransportException)
            {
                throw;
            }
            catch (Exception e)
            {
                throw new DownloadTransportException("no DNS answer for " + host + ": " + e.Message, e);
            }

            Socket socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.ReceiveTimeout = _timeoutMilliseconds;
                socket.SendTimeout = _timeoutMilliseconds;
                socket.Connect(new IPEndPoint(address, port));
                if (!tls)
                {
                    return new ConnectionStream(new NetworkStream(socket, true));
                }

                SslStream secure = new SslStream(socket);
                try
                {
                    secure.AuthenticateAsClient(host, null, _trustedCa, SslProtocols.Tls12);
                }
                catch (Exception)
                {
                    // SslStream owns the socket from here: disposing it ends the TLS context and closes the socket.
                    secure.Dispose();
                    throw;
                }

                return new ConnectionStream(secure);
            }
            catch (Exception e)
            {
                socket.Close();
                throw new DownloadTransportException((tls ? "TLS " : "TCP ") + "connection to " + host + ":" + port.ToString() + " failed: " + e.Message, e);
            }
        }

        // The device library's view of a socket's stream; closing it closes the socket (and ends the TLS context).
        private sealed class ConnectionStream : IByteStream
        {
            private readonly NetworkStream _stream;

            public ConnectionStream(NetworkStream stream)
            {
                _stream = stream;
            }

            public int Read(byte[] buffer, int offset, int count)
            {
                return _stream.Read(buffer, offset, count);
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                _stream.Write(buffer, offset, count);
            }

            public void Close()
            {
                try
                {
                    _stream.Dispose();
                }
                catch (Exception)
                {
                    // A connection that already broke has nothing left to release.
                }
            }
        }
    }
}
