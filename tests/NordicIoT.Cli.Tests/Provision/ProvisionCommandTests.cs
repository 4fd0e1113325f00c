using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using NordicIoT.Cli.Provisioning;
using NordicIoT.Testing;

namespace NordicIoT.Cli.Tests.Provision;

[UnsupportedOSPlatform("windows")]
public sealed class ProvisionCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("cli-provision");

    private string Dir => Path.Combine(_folder.Path, ".nordiciot");

    private ProjectLayout Layout => new(Dir);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Provision_writes_the_pki_and_per_device_files_in_the_nanoff_formats()
    {
        string password = WritePassword("correct-horse");

        var result = await CliRun.RunAsync(
            "provision", "--dir", Dir, "--count", "2", "--device", "board-1", "--board", "esp32-devkitc",
            "--broker-host", "192.168.7.2", "--broker-port", "8884", "--serial-port", "/dev/ttyUSB3",
            "--wifi-ssid", "Lab Net", "--wifi-password-file", password);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var id in new[] { "sim-1", "sim-2", "board-1" })
        {
            Assert.Contains(result.OutputLines, l => l.StartsWith("device", StringComparison.Ordinal) && l.Contains(id) && l.Contains(Layout.DeviceFolder(id)));

            using var settings = Json(Layout.DeviceSettingsPath(id));
            Assert.Equal(id, settings.RootElement.GetProperty("deviceId").GetString());
            Assert.Equal("192.168.7.2", settings.RootElement.GetProperty("brokerHost").GetString());
            Assert.Equal(8884, settings.RootElement.GetProperty("brokerPort").GetInt32());
            Assert.Equal("esp32-devkitc", settings.RootElement.GetProperty("board").GetString());

            using var files = Json(Layout.FileDeploymentPath(id));
            Assert.Equal("/dev/ttyUSB3", files.RootElement.GetProperty("SerialPort").GetString());
            var deployed = files.RootElement.GetProperty("Files").EnumerateArray()
                .ToDictionary(f => f.GetProperty("DestinationFilePath").GetString()!, f => f.GetProperty("SourceFilePath").GetString()!);
            Assert.Equal([@"I:\ca.crt", @"I:\device.crt", @"I:\device.json", @"I:\device.key", @"I:\release.pub"], deployed.Keys.Order());
            Assert.Equal(65, File.ReadAllBytes(deployed[@"I:\release.pub"]).Length);
            Assert.Equal(Layout.DeviceSettingsPath(id), deployed[@"I:\device.json"]);
            Assert.Equal(File.ReadAllText(Path.Combine(Layout.PkiFolder, "ca.crt")), File.ReadAllText(deployed[@"I:\ca.crt"]));
            Assert.Contains("PRIVATE KEY", File.ReadAllText(deployed[@"I:\device.key"]));
            using (var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(deployed[@"I:\device.crt"])))
            {
                Assert.Equal(id, certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
            }

            using var network = Json(Layout.NetworkDeploymentPath(id));
            var wifi = network.RootElement.GetProperty("WirelessClient");
            Assert.Equal("Lab Net", wifi.GetProperty("SSID").GetString());
            Assert.Equal("correct-horse", wifi.GetProperty("Password").GetString());
            Assert.Equal(deployed[@"I:\device.crt"], network.RootElement.GetProperty("DeviceCertificatesPath").GetString());
            Assert.Equal(deployed[@"I:\ca.crt"], network.RootElement.GetProperty("CACertificatesPath").GetString());
        }
    }

    [Fact]
    public async Task Private_keys_and_the_file_with_the_wifi_password_are_readable_by_the_owner_only()
    {
        var result = await CliRun.RunAsync("provision", "--dir", Dir, "--device", "dev-1", "--wifi-ssid", "Lab", "--wifi-password-file", WritePassword("12345678"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var keys = Directory.GetFiles(Layout.PkiFolder, "*.key", SearchOption.AllDirectories);
        Assert.Equal(5, keys.Length); // ca, server, cloud, release signing, dev-1
        foreach (var secret in keys.Append(Layout.NetworkDeploymentPath("dev-1")))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(Layout.DeviceSettingsPath("dev-1")));
    }

    [Fact]
    public async Task Device_certificates_chain_to_the_project_ca_and_the_broker_certificate_names_the_broker_host()
    {
        var result = await CliRun.RunAsync("provision", "--dir", Dir, "--device", "dev-1", "--broker-host", "10.1.2.3");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Layout.PkiFolder, "ca.crt")));
        using var device = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Layout.PkiFolder, "devices", "dev-1.crt")));
        using var server = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Layout.PkiFolder, "server.crt")));
        Assert.True(ChainsTo(device, ca));
        Assert.True(server.MatchesHostname("10.1.2.3"));
        Assert.True(server.MatchesHostname("localhost"));
    }

    [Fact]
    public async Task A_second_run_keeps_the_ca_and_existing_device_certificates()
    {
        Assert.Equal(0, (await CliRun.RunAsync("provision", "--dir", Dir, "--device", "dev-1")).ExitCode);
        var ca = File.ReadAllBytes(Path.Combine(Layout.PkiFolder, "ca.crt"));
        var key = File.ReadAllBytes(Path.Combine(Layout.PkiFolder, "devices", "dev-1.key"));

        var result = await CliRun.RunAsync("provision", "--dir", Dir, "--device", "dev-1", "--device", "dev-2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(ca, File.ReadAllBytes(Path.Combine(Layout.PkiFolder, "ca.crt")));
        Assert.Equal(key, File.ReadAllBytes(Path.Combine(Layout.PkiFolder, "devices", "dev-1.key")));
        Assert.Contains(result.OutputLines, l => l.StartsWith("ca", StringComparison.Ordinal) && l.Contains("kept"));
        Assert.Contains(result.OutputLines, l => l.Contains("dev-1") && l.Contains("kept"));
        Assert.Contains(result.OutputLines, l => l.Contains("dev-2") && l.Contains("created"));
    }

    [Fact]
    public async Task An_incomplete_ca_is_never_replaced_without_force_ca()
    {
        Assert.Equal(0, (await CliRun.RunAsync("provision", "--dir", Dir, "--device", "dev-1")).ExitCode);
        var ca = File.ReadAllBytes(Path.Combine(Layout.PkiFolder, "ca.crt"));
        File.Delete(Path.Combine(Layout.PkiFolder, "ca.key"));

        var result = await CliRun.RunAsync("provision", "--dir", Dir, "--device", "dev-2");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("--force-ca", result.Error);
        Assert.Equal(ca, File.ReadAllBytes(Path.Combine(Layout.PkiFolder, "ca.crt")));
        Assert.False(File.Exists(Path.Combine(Layout.PkiFolder, "devices", "dev-2.crt")));
    }

    [Fact]
    public async Task Force_ca_replaces_the_ca_reissues_what_it_touches_and_names_the_devices_left_untrusted()
    {
        Assert.Equal(0, (await CliRun.RunAsync("provision", "--dir", Dir, "--device", "dev-1", "--device", "dev-2")).ExitCode);
        var oldCa = File.ReadAllBytes(Path.Combine(Layout.PkiFolder, "ca.crt"));

        var result = await CliRun.RunAsync("provision", "--dir", Dir, "--device", "dev-1", "--force-ca");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotEqual(oldCa, File.ReadAllBytes(Path.Combine(Layout.PkiFolder, "ca.crt")));
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Layout.PkiFolder, "ca.crt")));
        foreach (var issued in new[] { "devices/dev-1.crt", "server.crt", "services/cloud.crt" })
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Layout.PkiFolder, issued)));
            Assert.True(ChainsTo(certificate, ca), issued);
        }

        Assert.Contains(result.OutputLines, l => l.StartsWith("ca", StringComparison.Ordinal) && l.Contains("replaced"));
        Assert.Contains("warning:", result.Error);
        Assert.Contains("dev-2", result.Error);
    }

    [Fact]
    public async Task Another_brokers_ca_goes_onto_the_board_and_the_local_broker_certificate_is_left_alone()
    {
        string awsRoot = WriteRoots("OtherRootCA.pem", "Other Root");

        var result = await CliRun.RunAsync("provision", "--dir", Dir, "--device", "dev-1", "--broker-host", "abc-ats.iot.eu-north-1.amazonaws.com", "--broker-ca", awsRoot);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var files = Json(Layout.FileDeploymentPath("dev-1"));
        Assert.Contains(files.RootElement.GetProperty("Files").EnumerateArray(), f =>
            f.GetProperty("DestinationFilePath").GetString() == @"I:\ca.crt" && f.GetProperty("SourceFilePath").GetString() == awsRoot);
        using var network = Json(Layout.NetworkDeploymentPath("dev-1"));
        Assert.Equal(awsRoot, network.RootElement.GetProperty("CACertificatesPath").GetString());
        Assert.False(File.Exists(Path.Combine(Layout.PkiFolder, "server.crt")));
    }

    [Fact]
    public async Task A_bundle_of_download_cas_goes_onto_the_board_beside_the_broker_ca()
    {
        string roots = WriteRoots("download-roots.pem", "Download Root 1", "Download Root 2");

        var result = await CliRun.RunAsync("provision", "--dir", Dir, "--device", "dev-1", "--download-ca", roots);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var files = Json(Layout.FileDeploymentPath("dev-1"));
        var deployed = files.RootElement.GetProperty("Files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("DestinationFilePath").GetString()!, f => f.GetProperty("SourceFilePath").GetString());
        Assert.Equal(roots, deployed[@"I:\download-ca.crt"]);
        Assert.Equal(Path.Combine(Layout.PkiFolder, "ca.crt"), deployed[@"I:\ca.crt"]);
    }

    [Fact]
    public async Task A_download_ca_file_without_a_certificate_is_refused_and_no_device_files_are_written()
    {
        string notPem = Path.Combine(_folder.Path, "roots.der");
        File.WriteAllBytes(notPem, [0x30, 0x82, 0x01, 0x00]);

        var result = await CliRun.RunAsync("provision", "--dir", Dir, "--device", "dev-1", "--download-ca", notPem);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("--download-ca", result.Error);
        Assert.Contains("no PEM certificate", result.Error);
        Assert.False(File.Exists(Layout.FileDeploymentPath("dev-1")));
    }

    [Theory]
    [InlineData(ExitCodes.InvalidInput, "--device", "bad/id")]
    [InlineData(ExitCodes.InvalidInput, "--device", "dev-1", "--broker-port", "70000")]
    [InlineData(ExitCodes.InvalidInput, "--device", "dev-1", "--wifi-password-file", "/nonexistent/pw")]
    [InlineData(ExitCodes.InvalidInput, "--device", "dev-1", "--wifi-ssid", "Lab", "--wifi-password-file", "/nonexistent/pw")]
    [InlineData(ExitCodes.InvalidInput, "--device", "dev-1", "--broker-ca", "/nonexistent/root.pem")]
    [InlineData(ExitCodes.InvalidInput, "--device", "dev-1", "--download-ca", "/nonexistent/roots.pem")]
    [InlineData(ExitCodes.InvalidInput, "--count", "0")]
    [InlineData(ExitCodes.Usage, "--count", "many")]
    [InlineData(ExitCodes.Usage, "--no-such-option")]
    public async Task Bad_input_gets_its_exit_code_and_a_message_on_stderr(int exitCode, params string[] args)
    {
        var result = await CliRun.RunAsync(["provision", "--dir", Dir, .. args]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task A_wifi_password_shorter_than_wpa2_allows_is_refused_and_no_files_are_written()
    {
        var result = await CliRun.RunAsync("provision", "--dir", Dir, "--device", "dev-1", "--wifi-ssid", "Lab", "--wifi-password-file", WritePassword("short"));

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("8..63", result.Error);
        Assert.False(Directory.Exists(Dir));
    }

    private string WritePassword(string password)
    {
        string path = Path.Combine(_folder.Path, "wifi-password");
        File.WriteAllText(path, password + "\n");
        return path;
    }

    // Self-signed roots standing in for a public CA's (e.g. Amazon's), concatenated the way such bundles come.
    private string WriteRoots(string fileName, params string[] names)
    {
        string path = Path.Combine(_folder.Path, fileName);
        var pem = new System.Text.StringBuilder();
        foreach (var name in names)
        {
            using var key = System.Security.Cryptography.ECDsa.Create();
            var request = new CertificateRequest("CN=" + name, key, System.Security.Cryptography.HashAlgorithmName.SHA256);
            using var root = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1));
            pem.AppendLine(root.ExportCertificatePem());
        }

        File.WriteAllText(path, pem.ToString());
        return path;
    }

    private static JsonDocument Json(string path) => JsonDocument.Parse(File.ReadAllText(path));

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
