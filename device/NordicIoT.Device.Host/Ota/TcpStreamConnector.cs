using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using NordicIoT.Device.Ota;
using NordicIoT.Device.Ota.Http;

namespace NordicIoT.Device.Host.Ota;

/// <summary>The host's <see cref="IStreamConnector"/>: a <see cref="TcpClient"/>, wrapped in an <see cref="SslStream"/> for TLS, trusting one CA when given one (tests) or the system's roots.</summary>
/// <remarks><paramref name="timeout"/> bounds the connect, the TLS handshake and every later read and write.</remarks>
public sealed class TcpStreamConnector(X509Certificate2? trustedCa, TimeSpan timeout) : IStreamConnector
{
    /// <inheritdoc/>
    public IByteStream Open(string host, int port, bool tls)
    {
        var client = new TcpClient { NoDelay = true, ReceiveTimeout = Milliseconds, SendTimeout = Milliseconds };
        try
        {
            using (var deadline = new CancellationTokenSource(timeout))
            {
                client.ConnectAsync(host, port, deadline.Token).AsTask().GetAwaiter().GetResult();
            }

            // The client's stream owns its socket: disposing the stream closes the connection.
            var stream = client.GetStream();
            if (!tls)
            {
                return new ConnectionStream(stream);
            }

            var secure = new SslStream(stream, leaveInnerStreamOpen: false, Verify);
            secure.AuthenticateAsClient(new SslClientAuthenticationOptions { TargetHost = host, EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 });
            return new ConnectionStream(secure);
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException or OperationCanceledException)
        {
            client.Dispose();
            throw new DownloadTransportException($"{(tls ? "TLS" : "TCP")} connection to {host}:{port} failed: {e.Message}", e);
        }
    }

    private int Milliseconds => (int)timeout.TotalMilliseconds;

    private bool Verify(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (trustedCa is null || certificate is null)
        {
            return errors == SslPolicyErrors.None;
        }

        // Only the name and the chain to the given CA count: the system's roots do not know a test CA.
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(trustedCa);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}
