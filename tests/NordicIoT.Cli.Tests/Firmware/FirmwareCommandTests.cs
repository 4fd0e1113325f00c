using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using NordicIoT.Cli.Firmware;
using NordicIoT.Testing;

namespace NordicIoT.Cli.Tests.Firmware;

/// <summary>nordiciot firmware sign and upload: a provisioned project signs a build output, the real cloud app accepts it, and refusals become exit codes.</summary>
public sealed class FirmwareCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("cli-firmware");

    private string Project => Path.Combine(_folder.Path, "project");

    private string PublicKey => Path.Combine(Project, "pki", "release-signing.pub");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Provision_makes_the_release_key_once_and_sign_uses_it()
    {
        Assert.Equal(0, (await CliRun.RunAsync("provision", "--dir", Project)).ExitCode);
        var point = await File.ReadAllBytesAsync(PublicKey);
        Assert.Equal(0, (await CliRun.RunAsync("provision", "--dir", Project)).ExitCode);
        Assert.Equal(point, await File.ReadAllBytesAsync(PublicKey));
        var build = Build(("NordicIoT.Device.pe", 3000), ("App.pe", 500));
        var output = Path.Combine(_folder.Path, "release");

        var result = await CliRun.RunAsync("firmware", "sign", "--dir", Project, "--version", "1.5.0", "--target", "ESP32_PSRAM_REV0", "--target", "ESP32_S3_QUAD", "--files", build, "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("1.5.0", result.Value("version"));
        var release = ReleaseFolder.Open(output);
        Assert.Equal(["ESP32_PSRAM_REV0", "ESP32_S3_QUAD"], release.Manifest.Targets);
        Assert.Equal(["App.pe", "NordicIoT.Device.pe"], release.Manifest.Files.Select(f => f.Name));
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(Path.Combine(build, "App.pe"))), release.Manifest.Files[0].Sha256);
        Assert.Equal(64, release.Signature.Length);
        using var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
        Assert.True(verifier.VerifyData(release.ManifestBytes, release.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public async Task Sign_takes_a_build_output_s_assemblies_without_the_loader_s_and_lists_them_dependencies_first()
    {
        Assert.Equal(0, (await CliRun.RunAsync("provision", "--dir", Project)).ExitCode);
        var build = Build(("NordicIoT.Device.App.pe", 300), ("NordicIoT.Device.pe", 200), ("NordicIoT.Schemas.pe", 100), ("mscorlib.pe", 400), ("NordicIoT.Device.App.pdbx", 10));
        string loader = Directory.CreateDirectory(Path.Combine(_folder.Path, "loader")).FullName;
        File.WriteAllBytes(Path.Combine(loader, "NordicIoT.Device.Loader.bin"), [1]);
        File.WriteAllBytes(Path.Combine(loader, "mscorlib.pe"), [1]);

        // Metadata twins as the nanoFramework build leaves them: App references Device, Device references Schemas.
        File.Copy(Path.Combine(AppContext.BaseDirectory, "NordicIoT.Device.Host.dll"), Path.Combine(build, "NordicIoT.Device.App.exe"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "NordicIoT.Device.dll"), Path.Combine(build, "NordicIoT.Device.dll"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "NordicIoT.Schemas.dll"), Path.Combine(build, "NordicIoT.Schemas.dll"));
        var output = Path.Combine(_folder.Path, "release");

        var result = await CliRun.RunAsync("firmware", "sign", "--dir", Project, "--version", "1.5.0", "--target", "T", "--files", build, "--out", output,
            "--loader-image", Path.Combine(loader, "NordicIoT.Device.Loader.bin"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["NordicIoT.Schemas.pe", "NordicIoT.Device.pe", "NordicIoT.Device.App.pe"], ReleaseFolder.Open(output).Manifest.Files.Select(f => f.Name));
    }

    [Fact]
    public async Task Sign_refuses_bad_input_with_the_input_exit_code()
    {
        await CliRun.RunAsync("provision", "--dir", Project);
        var build = Build(("App.pe", 10));
        var output = Path.Combine(_folder.Path, "release");

        var version = await CliRun.RunAsync("firmware", "sign", "--dir", Project, "--version", "1.5", "--target", "T", "--files", build, "--out", output);
        var noKey = await CliRun.RunAsync("firmware", "sign", "--dir", Path.Combine(_folder.Path, "elsewhere"), "--version", "1.5.0", "--target", "T", "--files", build, "--out", output);

        Assert.Equal(ExitCodes.InvalidInput, version.ExitCode);
        Assert.Contains("semantic version", version.Error);
        Assert.Equal(ExitCodes.InvalidInput, noKey.ExitCode);
        Assert.Contains("nordiciot provision", noKey.Error);
    }

    [Fact]
    public async Task Upload_sends_the_signed_release_to_the_real_cloud_and_a_repeat_is_refused()
    {
        await CliRun.RunAsync("provision", "--dir", Project);
        var output = Path.Combine(_folder.Path, "release");
        await CliRun.RunAsync("firmware", "sign", "--dir", Project, "--version", "2.0.0", "--target", "ESP32_PSRAM_REV0", "--files", Build(("App.pe", 200_000)), "--out", output);
        using var cloud = await CloudProcess.StartAsync(_folder.Path, PublicKey);

        var upload = await CliRun.RunAsync("firmware", "upload", "--url", cloud.Url, "--key", cloud.AdminKey, output);

        Assert.True(upload.ExitCode == 0, upload.ToString());
        var id = upload.Value("release");
        Assert.Contains("100%", upload.Error);
        Assert.DoesNotContain('\u001b', upload.Error);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cloud.AdminKey);
        var stored = JsonDocument.Parse(await http.GetStringAsync($"{cloud.Url}/api/firmware/{id}")).RootElement;
        Assert.Equal("2.0.0", stored.GetProperty("version").GetString());

        var again = await CliRun.RunAsync("firmware", "upload", "--url", cloud.Url, "--key", cloud.AdminKey, output);
        Assert.Equal(ExitCodes.ServerRefused, again.ExitCode);
        Assert.Contains("409", again.Error);
        Assert.Contains("exists already", again.Error);
    }

    [Fact]
    public async Task Upload_to_no_cloud_is_a_connection_failure()
    {
        await CliRun.RunAsync("provision", "--dir", Project);
        var output = Path.Combine(_folder.Path, "release");
        await CliRun.RunAsync("firmware", "sign", "--dir", Project, "--version", "2.0.0", "--target", "T", "--files", Build(("App.pe", 10)), "--out", output);

        var result = await CliRun.RunAsync("firmware", "upload", "--url", $"http://127.0.0.1:{FreeTcpPort.Next()}", "--key", "nio_x.y", output);

        Assert.Equal(ExitCodes.NoConnection, result.ExitCode);
    }

    private string Build(params (string Name, int Size)[] files)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder.Path, "build")).FullName;
        foreach (var (name, size) in files)
        {
            File.WriteAllBytes(Path.Combine(folder, name), RandomNumberGenerator.GetBytes(size));
        }

        return folder;
    }
}
