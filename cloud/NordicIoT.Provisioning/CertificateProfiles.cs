using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NordicIoT.Provisioning;

/// <summary>The certificate requests (subject and extensions) for each role in the project's PKI.</summary>
internal static class CertificateProfiles
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1", "Server Authentication");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2", "Client Authentication");

    /// <summary>A self-signed root that may only sign end-entity certificates (path length 0).</summary>
    public static CertificateRequest Ca(ECDsa key)
    {
        var request = new CertificateRequest("CN=NordicIoT project CA, O=NordicIoT", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    /// <summary>The broker's TLS server certificate; the first name is also the CN.</summary>
    public static CertificateRequest Server(ECDsa key, IReadOnlyList<string> hostNames, X509Certificate2 ca)
    {
        var request = EndEntity($"CN={hostNames[0]}, O=NordicIoT", key, ServerAuth, ca);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in hostNames)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        return request;
    }

    /// <summary>A TLS client certificate whose CN is the MQTT username the broker's ACL sees.</summary>
    public static CertificateRequest Client(ECDsa key, string commonName, X509Certificate2 ca) =>
        EndEntity($"CN={commonName}, O=NordicIoT", key, ClientAuth, ca);

    private static CertificateRequest EndEntity(string subject, ECDsa key, Oid usage, X509Certificate2 ca)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        return request;
    }
}
