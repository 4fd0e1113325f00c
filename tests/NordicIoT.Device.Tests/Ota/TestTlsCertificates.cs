using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NordicIoT.Device.Tests.Ota;

/// <summary>A throwaway CA (ECDSA P-256, as the project's) and a server certificate for 127.0.0.1 signed by it, made in memory for TLS tests.</summary>
internal sealed class TestTlsCertificates : IDisposable
{
    public TestTlsCertificates(string name)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={name} test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var now = DateTimeOffset.UtcNow;
        using var caWithKey = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        Ca = X509CertificateLoader.LoadCertificate(caWithKey.RawData);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest($"CN={name} test server", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = serverRequest.Create(caWithKey, now.AddMinutes(-5), now.AddDays(1), [1, 2, 3, 4]);
        using var withKey = signed.CopyWithPrivateKey(serverKey);

        // A PKCS#12 round trip gives SslStream a certificate whose key it can use on every platform.
        Server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The CA certificate, without its key.</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The server certificate with its private key.</summary>
    public X509Certificate2 Server { get; }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
    }
}
