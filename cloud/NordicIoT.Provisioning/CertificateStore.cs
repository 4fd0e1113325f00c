using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NordicIoT.Provisioning;

/// <summary>The project's certificate authority kept in one folder: the CA and every certificate it issued, as PEM files.</summary>
/// <remarks>
/// Layout: ca.crt/ca.key, server.crt/server.key (the broker), services/NAME.crt/.key (cloud identities),
/// devices/ID.crt/.key. Keys are ECDSA P-256 (what ESP32 mbedTLS, SIM7080 modems and AWS IoT all accept) in PKCS#8 PEM.
/// Issuing again for the same name writes a new key and certificate (rotation); the CA is never replaced silently.
/// </remarks>
public sealed class CertificateStore
{
    /// <summary>How long the CA is valid: devices in the field must not outlive their trust anchor.</summary>
    public static readonly TimeSpan CaValidity = TimeSpan.FromDays(20 * 365);

    /// <summary>How long issued certificates are valid (capped at the CA's expiry).</summary>
    public static readonly TimeSpan CertificateValidity = TimeSpan.FromDays(10 * 365);

    /// <summary>The names in the broker certificate when no others are asked for.</summary>
    public static readonly IReadOnlyList<string> DefaultServerNames = ["localhost", "127.0.0.1"];

    // Device clocks set by SNTP or a modem can lag a little; a certificate must already be valid for them.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time;

    /// <summary>Opens (without creating anything yet) the store in <paramref name="rootDirectory"/>.</summary>
    public CertificateStore(string rootDirectory, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        RootDirectory = Path.GetFullPath(rootDirectory);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The folder holding all certificates and keys.</summary>
    public string RootDirectory { get; }

    /// <summary>The CA certificate that brokers and clients trust.</summary>
    public string CaCertificatePath => Path.Combine(RootDirectory, "ca.crt");

    private string CaKeyPath => Path.Combine(RootDirectory, "ca.key");

    /// <summary>Creates the CA unless one exists; with <paramref name="overwrite"/> replaces it, which invalidates every certificate it issued.</summary>
    public CertificateFiles EnsureCa(bool overwrite = false)
    {
        var files = new CertificateFiles(CaCertificatePath, CaKeyPath);
        var hasCertificate = File.Exists(files.CertificatePath);
        var hasKey = File.Exists(files.KeyPath);
        if (!overwrite && hasCertificate && hasKey)
        {
            return files;
        }

        if (!overwrite && (hasCertificate || hasKey))
        {
            var missing = hasCertificate ? files.KeyPath : files.CertificatePath;
            throw new InvalidOperationException(
                $"The CA in {RootDirectory} is incomplete: {missing} is missing. Restore it, or pass overwrite: true " +
                "to create a new CA (every certificate issued so far then stops being trusted).");
        }

        CreateRootDirectory();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var notBefore = _time.GetUtcNow() - ClockSkew;
        using var ca = CertificateProfiles.Ca(key).CreateSelfSigned(notBefore, notBefore + CaValidity);
        Write(files, ca, key);
        return files;
    }

    /// <summary>Issues the broker's server certificate for localhost and 127.0.0.1 plus any <paramref name="additionalNames"/> (DNS names or IP addresses).</summary>
    public CertificateFiles IssueServerCertificate(IEnumerable<string>? additionalNames = null)
    {
        var names = DefaultServerNames.Concat(additionalNames ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var name in names)
        {
            if (Uri.CheckHostName(name) == UriHostNameType.Unknown)
            {
                throw new ArgumentException($"'{name}' is neither a DNS name nor an IP address.", nameof(additionalNames));
            }
        }

        var files = new CertificateFiles(Path.Combine(RootDirectory, "server.crt"), Path.Combine(RootDirectory, "server.key"));
        Issue(files, (key, ca) => CertificateProfiles.Server(key, names, ca));
        return files;
    }

    /// <summary>Issues a client certificate for a cloud service identity (e.g. "cloud", the bridge's MQTT username).</summary>
    public CertificateFiles IssueServiceCertificate(string name)
    {
        IdentityName.Validate(name, nameof(name));
        RefuseNameTakenIn("devices", name, "a device", nameof(name));
        return IssueClient("services", name);
    }

    /// <summary>Issues a client certificate whose CN is <paramref name="deviceId"/>; the broker then allows it only d/{deviceId}/...</summary>
    public CertificateFiles IssueDeviceCertificate(string deviceId)
    {
        IdentityName.Validate(deviceId, nameof(deviceId));
        // A device named like a service would get the service's broker-wide rights.
        RefuseNameTakenIn("services", deviceId, "a service", nameof(deviceId));
        return IssueClient("devices", deviceId);
    }

    private CertificateFiles IssueClient(string folder, string name)
    {
        var directory = Path.Combine(RootDirectory, folder);
        var files = new CertificateFiles(Path.Combine(directory, $"{name}.crt"), Path.Combine(directory, $"{name}.key"));
        Issue(files, (key, ca) => CertificateProfiles.Client(key, name, ca));
        return files;
    }

    private void RefuseNameTakenIn(string folder, string name, string holder, string parameterName)
    {
        if (File.Exists(Path.Combine(RootDirectory, folder, $"{name}.crt")))
        {
            throw new ArgumentException(
                $"'{name}' is already the name of {holder}; a device and a service must not share a certificate CN.", parameterName);
        }
    }

    private void Issue(CertificateFiles files, Func<ECDsa, X509Certificate2, CertificateRequest> profile)
    {
        using var ca = LoadCa();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var notBefore = _time.GetUtcNow() - ClockSkew;
        var notAfter = Min(notBefore + CertificateValidity, ca.NotAfter.ToUniversalTime());
        using var certificate = profile(key, ca).Create(ca, notBefore, notAfter, NewSerialNumber());
        Directory.CreateDirectory(Path.GetDirectoryName(files.CertificatePath)!);
        Write(files, certificate, key);
    }

    private X509Certificate2 LoadCa()
    {
        if (!File.Exists(CaCertificatePath) || !File.Exists(CaKeyPath))
        {
            throw new InvalidOperationException($"There is no CA in {RootDirectory}: call EnsureCa first.");
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(CaCertificatePath, CaKeyPath);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"The CA in {RootDirectory} cannot be loaded (ca.crt and ca.key must be a matching PEM pair): {e.Message}", e);
        }
    }

    private void CreateRootDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(RootDirectory);
        }
        else
        {
            Directory.CreateDirectory(RootDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void Write(CertificateFiles files, X509Certificate2 certificate, ECDsa key)
    {
        // Key first: a certificate on disk then always has its key beside it.
        PemFileWriter.WriteKey(files.KeyPath, key.ExportPkcs8PrivateKeyPem());
        PemFileWriter.WriteCertificate(files.CertificatePath, certificate.ExportCertificatePem());
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static byte[] NewSerialNumber()
    {
        // 16 random bytes (RFC 5280 allows up to 20), top bit clear so the DER integer stays positive without padding.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}
