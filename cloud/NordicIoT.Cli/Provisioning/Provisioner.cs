using System.Security.Cryptography.X509Certificates;
using NordicIoT.Cli.Errors;
using NordicIoT.Device.Host.Simulation;
using NordicIoT.Provisioning;

namespace NordicIoT.Cli.Provisioning;

/// <summary>Makes what devices need: the CA, broker and cloud certificates, a certificate per device, and per device the files nanoff puts on the board.</summary>
/// <remarks>Certificates that exist are kept (the CA only changes with <see cref="ProvisionRequest.ForceCa"/>); device files are rewritten each time.</remarks>
public sealed class Provisioner(ProjectLayout layout)
{
    /// <summary>The cloud bridge's certificate name; the broker ACL gives it every device's topics (BrokerSettings.ServiceUsers).</summary>
    public const string CloudIdentity = "cloud";

    // The names on the board's I:\ drive that the app reads (device/NordicIoT.Device.App/Board/ProvisionedFiles.cs).
    private const string BoardSettings = @"I:\device.json";
    private const string BoardCa = @"I:\ca.crt";
    private const string BoardCertificate = @"I:\device.crt";
    private const string BoardKey = @"I:\device.key";

    // The OTA agent reads the key under the name OtaOptions.DefaultTrustedKeyFile, not under its name in pki/.
    private const string BoardReleaseKey = @"I:\release.pub";
    private const string BoardDownloadCa = @"I:\download-ca.crt";

    private readonly CertificateStore _store = new(layout.PkiFolder);
    private readonly DeviceCertificates _certificates = new(layout.PkiFolder);
    private readonly ReleaseSigningKey _releaseKey = new(layout.PkiFolder);

    /// <summary>Provisions as <paramref name="request"/> says; throws <see cref="InvalidInputException"/> for bad input and <see cref="RefusedException"/> when the CA is damaged.</summary>
    public ProvisionReport Provision(ProvisionRequest request)
    {
        Validate(request);
        string? password = ReadPassword(request);
        var report = new ProvisionReport();
        bool newCa = EnsureCa(request.ForceCa, report);

        // With another broker's CA the devices go elsewhere (AWS IoT): the local broker's certificate need not name that host.
        string brokerCa = request.BrokerCaFile is { } file ? Path.GetFullPath(file) : _store.CaCertificatePath;
        if (request.BrokerCaFile is null)
        {
            EnsureServerCertificate(request.BrokerHost, newCa, report);
        }

        EnsureCloudCertificate(newCa, report);
        EnsureReleaseSigningKey(report);
        foreach (var deviceId in request.DeviceIds.Distinct(StringComparer.Ordinal))
        {
            ProvisionDevice(deviceId, request, password, brokerCa, newCa, report);
        }

        if (newCa)
        {
            WarnAboutStaleDevices(request.DeviceIds, report);
        }

        return report;
    }

    private bool EnsureCa(bool force, ProvisionReport report)
    {
        bool hasCertificate = File.Exists(_store.CaCertificatePath);
        bool hasKey = File.Exists(Path.ChangeExtension(_store.CaCertificatePath, ".key"));
        if (!force && hasCertificate && hasKey)
        {
            report.Items.Add(new("ca", "project CA", _store.CaCertificatePath, ProvisionAction.Kept));
            return false;
        }

        if (!force && (hasCertificate || hasKey))
        {
            string missing = hasCertificate ? "ca.key" : "ca.crt";
            throw new RefusedException(
                $"The CA in {_store.RootDirectory} is incomplete ({missing} is missing). Restore it from a backup, or pass " +
                "--force-ca to create a new CA: every device certificate issued so far then stops being trusted.");
        }

        _store.EnsureCa(overwrite: force);
        report.Items.Add(new("ca", "project CA", _store.CaCertificatePath, hasCertificate ? ProvisionAction.Replaced : ProvisionAction.Created));
        return true;
    }

    private void EnsureServerCertificate(string brokerHost, bool newCa, ProvisionReport report)
    {
        string path = Path.Combine(_store.RootDirectory, "server.crt");
        bool existed = File.Exists(path);
        var names = new List<string> { brokerHost };
        if (existed && !newCa)
        {
            using var existing = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            if (existing.MatchesHostname(brokerHost))
            {
                report.Items.Add(new("broker", brokerHost, path, ProvisionAction.Kept));
                return;
            }

            // A broker certificate that lacks the host would fail every device's TLS handshake: reissue it with all names.
            names.AddRange(NamesIn(existing));
            report.Warnings.Add($"The broker certificate was reissued to add '{brokerHost}'; restart the broker so it serves the new one.");
        }

        var files = _store.IssueServerCertificate(names);
        report.Items.Add(new("broker", brokerHost, files.CertificatePath, existed ? ProvisionAction.Replaced : ProvisionAction.Created));
    }

    private void EnsureCloudCertificate(bool newCa, ProvisionReport report)
    {
        string path = Path.Combine(_store.RootDirectory, "services", CloudIdentity + ".crt");
        if (File.Exists(path) && !newCa)
        {
            report.Items.Add(new("cloud", CloudIdentity, path, ProvisionAction.Kept));
            return;
        }

        bool existed = File.Exists(path);
        var files = _store.IssueServiceCertificate(CloudIdentity);
        report.Items.Add(new("cloud", CloudIdentity, files.CertificatePath, existed ? ProvisionAction.Replaced : ProvisionAction.Created));
    }

    // Kept even with a new CA: devices verify firmware with this key, not with the CA.
    private void EnsureReleaseSigningKey(ProvisionReport report)
    {
        var created = _releaseKey.Ensure();
        report.Items.Add(new("release", "signing key", _releaseKey.PublicKeyPath, created ? ProvisionAction.Created : ProvisionAction.Kept));
    }

    private void ProvisionDevice(string deviceId, ProvisionRequest request, string? password, string brokerCa, bool newCa, ProvisionReport report)
    {
        string certificate = _certificates.CertificatePath(deviceId);
        string key = _certificates.KeyPath(deviceId);
        bool existed = File.Exists(certificate) && File.Exists(key);
        if (!existed || newCa)
        {
            _store.IssueDeviceCertificate(deviceId);
        }

        string settings = layout.DeviceSettingsPath(deviceId);
        ProjectFiles.WriteJson(settings, new DeviceSettings(deviceId, request.BrokerHost, request.BrokerPort, request.Board), ProjectFiles.Readable);
        var files = new List<DeploymentFile>
        {
            new(BoardSettings, settings),
            new(BoardCa, brokerCa),
            new(BoardCertificate, certificate),
            new(BoardKey, key),
            new(BoardReleaseKey, _releaseKey.PublicKeyPath),
        };
        if (request.DownloadCaFile is { } downloadCa)
        {
            files.Add(new(BoardDownloadCa, Path.GetFullPath(downloadCa)));
        }

        ProjectFiles.WriteJson(layout.FileDeploymentPath(deviceId), new FileDeployment(request.SerialPort, files), ProjectFiles.Readable);

        var wifi = request.WifiSsid is null ? null : new WirelessClient(request.WifiSsid, password);
        ProjectFiles.WriteJson(
            layout.NetworkDeploymentPath(deviceId),
            new NetworkDeployment(request.SerialPort, wifi, certificate, brokerCa),
            ProjectFiles.Private);

        var action = !existed ? ProvisionAction.Created : newCa ? ProvisionAction.Replaced : ProvisionAction.Kept;
        report.Items.Add(new("device", deviceId, layout.DeviceFolder(deviceId), action));
    }

    private void WarnAboutStaleDevices(IReadOnlyList<string> provisioned, ProvisionReport report)
    {
        string folder = Path.Combine(_store.RootDirectory, "devices");
        if (!Directory.Exists(folder))
        {
            return;
        }

        var stale = Directory.EnumerateFiles(folder, "*.crt")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(id => !provisioned.Contains(id))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (stale.Count > 0)
        {
            report.Warnings.Add(
                $"The new CA does not trust the certificates of {string.Join(", ", stale)}; provision them again " +
                $"(nordiciot provision --device {stale[0]} ...) and deploy their files.");
        }
    }

    private static IEnumerable<string> NamesIn(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value == "2.5.29.17")
            {
                var names = new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
                return [.. names.EnumerateDnsNames(), .. names.EnumerateIPAddresses().Select(a => a.ToString())];
            }
        }

        return [];
    }

    private static void Validate(ProvisionRequest request)
    {
        foreach (var deviceId in request.DeviceIds)
        {
            try
            {
                IdentityName.Validate(deviceId, "--device");
            }
            catch (ArgumentException e)
            {
                throw new InvalidInputException($"Device id {e.Message}", e);
            }
        }

        if (Uri.CheckHostName(request.BrokerHost) == UriHostNameType.Unknown)
        {
            throw new InvalidInputException($"--broker-host '{request.BrokerHost}' is neither a DNS name nor an IP address.");
        }

        if (request.BrokerPort is < 1 or > 65535)
        {
            throw new InvalidInputException($"--broker-port must be 1..65535, not {request.BrokerPort}.");
        }

        if (request.Board is { } board && (board.Length == 0 || !board.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new InvalidInputException($"--board '{board}' is not a board profile id (the name of a file in hardware/ without .json).");
        }

        if (request.BrokerCaFile is { } brokerCa)
        {
            CheckCertificateFile(brokerCa, "--broker-ca");
        }

        if (request.DownloadCaFile is { } downloadCa)
        {
            CheckCertificateFile(downloadCa, "--download-ca");
        }

        if (request.WifiPasswordFile is not null && request.WifiSsid is null)
        {
            throw new InvalidInputException("--wifi-password-file needs --wifi-ssid: which network is the password for?");
        }

        if (request.WifiSsid is { Length: 0 or > 32 })
        {
            throw new InvalidInputException($"--wifi-ssid must be 1..32 characters, not {request.WifiSsid.Length}.");
        }

        if (request.SerialPort is { Length: 0 })
        {
            throw new InvalidInputException("--serial-port must not be empty.");
        }
    }

    private static void CheckCertificateFile(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"{option} {path} does not exist.");
        }

        // The board's TLS stack takes every certificate of a PEM bundle, so each must parse and one must be there.
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(File.ReadAllText(path));
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidInputException($"{option} {path} holds a certificate that does not parse: {e.Message}", e);
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }

        if (certificates.Count == 0)
        {
            throw new InvalidInputException($"{option} {path} holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        }
    }

    private static string? ReadPassword(ProvisionRequest request)
    {
        if (request.WifiPasswordFile is not { } file)
        {
            return null;
        }

        if (!File.Exists(file))
        {
            throw new InvalidInputException($"--wifi-password-file {file} does not exist.");
        }

        // Editors and `echo` end the file with a line break that is not part of the password.
        string password = File.ReadAllText(file).TrimEnd('\r', '\n');
        if (password.Length is < 8 or > 63)
        {
            throw new InvalidInputException($"The Wi-Fi password in {file} has {password.Length} characters; WPA2 needs 8..63.");
        }

        return password;
    }
}
