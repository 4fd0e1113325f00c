using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NordicIoT.Mqtt;

/// <summary>The CA the broker's certificate must chain to (and nothing else) plus the client certificate with its key.</summary>
public sealed class MqttTlsCredentials : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    /// <summary>Wraps already loaded certificates; <paramref name="clientCertificate"/> must carry its private key.</summary>
    public MqttTlsCredentials(X509Certificate2 caCertificate, X509Certificate2? clientCertificate)
    {
        ArgumentNullException.ThrowIfNull(caCertificate);
        if (clientCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException(
                $"The client certificate {clientCertificate.Subject} has no private key.", nameof(clientCertificate));
        }

        CaCertificate = caCertificate;
        ClientCertificate = clientCertificate;
    }

    /// <summary>The only trust anchor for the broker's certificate (the system store is not consulted).</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>The certificate presented to the broker, or null to connect without one.</summary>
    public X509Certificate2? ClientCertificate { get; }

    /// <summary>Loads the CA and, when both paths are given, the client certificate and key from PEM files.</summary>
    public static MqttTlsCredentials FromPemFiles(string caCertificatePath, string? clientCertificatePath, string? clientKeyPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caCertificatePath);
        if ((clientCertificatePath is null) != (clientKeyPath is null))
        {
            throw new ArgumentException("Give both the client certificate and its key, or neither.", nameof(clientKeyPath));
        }

        var ca = Load(caCertificatePath, () => X509Certificate2.CreateFromPem(File.ReadAllText(caCertificatePath)));
        var client = clientCertificatePath is null
            ? null
            : Load(clientCertificatePath, () => UsableForTls(X509Certificate2.CreateFromPemFile(clientCertificatePath, clientKeyPath)));
        return new MqttTlsCredentials(ca, client);
    }

    /// <summary>Accepts the broker's certificate only if it chains to <see cref="CaCertificate"/>, is for server authentication, and matches the host name.</summary>
    internal bool ValidateServerCertificate(object sender, X509Certificate? certificate, X509Chain? presentedChain, SslPolicyErrors errors)
    {
        // Chain errors from the system store are expected (the project CA is not in it); name and presence errors are not.
        if (certificate is not X509Certificate2 server ||
            errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) ||
            errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(CaCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(server);
    }

    /// <summary>Releases the certificates' key handles.</summary>
    public void Dispose()
    {
        CaCertificate.Dispose();
        ClientCertificate?.Dispose();
    }

    private static X509Certificate2 Load(string path, Func<X509Certificate2> load)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"Cannot load the PEM certificate or key {path}: {e.Message}", e);
        }
    }

    private static X509Certificate2 UsableForTls(X509Certificate2 certificate)
    {
        // Windows' TLS stack (SChannel) cannot use the ephemeral key a PEM load creates; a PKCS#12 round trip gives it a stored one.
        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }

        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
