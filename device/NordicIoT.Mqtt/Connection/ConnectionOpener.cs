using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using NordicIoT.Mqtt.Protocol;

namespace NordicIoT.Mqtt.Connection;

/// <summary>Opens one connection: TCP, TLS with mutual authentication, CONNECT, CONNACK, all within the connect time limit.</summary>
internal static class ConnectionOpener
{
    /// <summary>Returns a running connection or throws <see cref="MqttConnectException"/> (or <see cref="OperationCanceledException"/> when the caller cancelled).</summary>
    public static async Task<MqttConnection> OpenAsync(
        MqttClientOptions options, MqttConnectOptions connect, IConnectionEvents events, CancellationToken cancellationToken)
    {
        var keepAliveSeconds = KeepAliveSeconds(connect);
        ValidateClientId(connect);
        var connectPacket = PacketEncoder.Connect(connect.ClientId, connect.CleanSession, keepAliveSeconds);
        var endpoint = $"{options.Host}:{options.Port}";

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var tcp = new TcpClient { NoDelay = true };
        SslStream? tls = null;
        var opened = false;
        var stage = "TCP connect";
        try
        {
            await tcp.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
            stage = "TLS handshake";
            tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(TlsOptions(options), timeout.Token).ConfigureAwait(false);
            // With TLS 1.3 the broker checks the client certificate after the client's side of the handshake,
            // so a missing or foreign certificate shows up as a closed connection from here on.
            stage = "CONNECT/CONNACK after the TLS handshake (a broker that requires a client certificate closes the " +
                "connection here when none was presented or it is not from the broker's CA)";
            await tls.WriteAsync(connectPacket, timeout.Token).ConfigureAwait(false);
            await tls.FlushAsync(timeout.Token).ConfigureAwait(false);

            var reader = new PacketReader(tls, options.MaxIncomingPacketSize);
            var reply = await reader.ReadAsync(timeout.Token).ConfigureAwait(false)
                ?? throw new EndOfStreamException("The broker closed the connection before CONNACK.");
            var returnCode = PacketDecoder.ConnAck(reply);
            if (returnCode != MqttConnectReturnCode.Accepted)
            {
                throw new MqttConnectException($"{endpoint} refused the connection: CONNACK {returnCode}.", null, returnCode);
            }

            var connection = new MqttConnection(tcp, tls, reader, options.MaxInflight, keepAliveSeconds, events);
            connection.Start();
            opened = true;
            return connection;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e)
        {
            throw new MqttConnectException(
                $"Connecting to {endpoint} did not complete within {options.ConnectTimeout.TotalSeconds:0.###} s (stuck in {stage}).", e);
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException or MqttException and not MqttConnectException)
        {
            throw new MqttConnectException($"Connecting to {endpoint} failed in {stage}: {e.Message}", e);
        }
        finally
        {
            if (!opened)
            {
                tls?.Dispose();
                tcp.Dispose();
            }
        }
    }

    private static SslClientAuthenticationOptions TlsOptions(MqttClientOptions options) => new()
    {
        TargetHost = options.ServerName ?? options.Host,
        ClientCertificateContext = options.Credentials.ClientCertificate is { } certificate
            ? SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true)
            : null,
        RemoteCertificateValidationCallback = options.Credentials.ValidateServerCertificate,
        CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
    };

    private static ushort KeepAliveSeconds(MqttConnectOptions connect)
    {
        var seconds = connect.KeepAlive.TotalSeconds;
        if (seconds < 0 || seconds > ushort.MaxValue || seconds != Math.Floor(seconds))
        {
            throw new ArgumentOutOfRangeException(
                nameof(connect), connect.KeepAlive, "KeepAlive must be whole seconds from 0 (off) to 65535.");
        }

        return (ushort)seconds;
    }

    private static void ValidateClientId(MqttConnectOptions connect)
    {
        ArgumentNullException.ThrowIfNull(connect.ClientId, nameof(connect));
        if (connect.ClientId.Length == 0 && !connect.CleanSession)
        {
            throw new ArgumentException("An empty client id is only allowed with CleanSession = true (MQTT 3.1.1 section 3.1.3.1).", nameof(connect));
        }
    }
}
