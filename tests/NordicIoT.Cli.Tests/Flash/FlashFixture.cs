using NordicIoT.Cli.Provisioning;
using NordicIoT.Testing;

namespace NordicIoT.Cli.Tests.Flash;

/// <summary>A temp folder with a board profile, an app image and a project folder to provision devices into.</summary>
internal sealed class FlashFixture : IDisposable
{
    public const string Board = "test-board";
    public const string Target = "ESP32_S3_QUAD";
    public const string Port = "/dev/ttyUSB0";

    /// <summary>I:\ of the test board: 2 MB, as on the 8 MB boards.</summary>
    public const long StorageBytes = 2 * 1024 * 1024;

    private readonly TempFolder _folder = new("cli-flash");

    public FlashFixture()
    {
        Directory.CreateDirectory(Hardware);
        File.WriteAllText(Path.Combine(Hardware, Board + ".json"), $$"""{ "id": "{{Board}}", "description": "test", "nanoffTarget": "{{Target}}", "network": "wifi", "storageBytes": {{StorageBytes}}, "readingBufferBytes": 65536 }""");
        File.WriteAllText(Path.Combine(Hardware, "other-board.json"), """{ "id": "other-board", "nanoffTarget": "ESP32_REV0" }""");
        File.WriteAllBytes(Image, [1, 2, 3]);
    }

    public string Root => _folder.Path;

    public string Hardware => Path.Combine(_folder.Path, "hardware");

    public string Image => Path.Combine(_folder.Path, "App.bin");

    public string Dir => Path.Combine(_folder.Path, ".nordiciot");

    public ProjectLayout Layout => new(Dir);

    /// <summary>The loader's build output: its image beside the assemblies the image holds.</summary>
    public string LoaderImage => Path.Combine(_folder.Path, "loader", "NordicIoT.Device.Loader.bin");

    /// <summary>
    /// A board app build output: .pe files of the given sizes, the loader's assemblies among them, each project .pe beside
    /// a .NET metadata twin (real host assemblies with the same references: App -> Device -> Schemas), plus files that are not assemblies.
    /// </summary>
    public string AppBuild(int appBytes = 30_000)
    {
        string build = Directory.CreateDirectory(Path.Combine(_folder.Path, "app-build")).FullName;
        string loader = Directory.CreateDirectory(Path.GetDirectoryName(LoaderImage)!).FullName;
        File.WriteAllBytes(LoaderImage, [7, 7, 7]);
        foreach (var (name, size) in new[] { ("NordicIoT.Device.App.pe", appBytes), ("NordicIoT.Device.pe", 20_000), ("NordicIoT.Schemas.pe", 10_000), ("mscorlib.pe", 40_000), ("nanoFramework.System.Text.pe", 3_000) })
        {
            File.WriteAllBytes(Path.Combine(build, name), new byte[size]);
        }

        foreach (var name in new[] { "mscorlib.pe", "nanoFramework.System.Text.pe", "NordicIoT.Device.Loader.pe" })
        {
            File.WriteAllBytes(Path.Combine(loader, name), [1]);
        }

        string host = AppContext.BaseDirectory;
        File.Copy(Path.Combine(host, "NordicIoT.Device.Host.dll"), Path.Combine(build, "NordicIoT.Device.App.exe"));
        File.Copy(Path.Combine(host, "NordicIoT.Device.dll"), Path.Combine(build, "NordicIoT.Device.dll"));
        File.Copy(Path.Combine(host, "NordicIoT.Schemas.dll"), Path.Combine(build, "NordicIoT.Schemas.dll"));
        File.WriteAllBytes(Path.Combine(build, "NordicIoT.Device.App.bin"), [1, 2]);
        File.WriteAllBytes(Path.Combine(build, "NordicIoT.Device.App.pdbx"), [1, 2]);
        return build;
    }

    public async Task ProvisionAsync(string deviceId, params string[] extra)
    {
        var result = await CliRun.RunAsync(["provision", "--dir", Dir, "--device", deviceId, .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public Task<CliResult> FlashAsync(string deviceId, params string[] extra) =>
        CliRun.RunAsync(["flash", "--dir", Dir, "--hardware", Hardware, "--board", Board, "--device", deviceId, "--serial-port", Port, .. extra]);

    public void Dispose() => _folder.Dispose();
}
