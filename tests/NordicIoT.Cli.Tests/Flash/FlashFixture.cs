using NordicIoT.Cli.Provisioning;
using NordicIoT.Testing;

namespace NordicIoT.Cli.Tests.Flash;

/// <summary>A temp folder with a board profile, an app image and a project folder to provision devices into.</summary>
internal sealed class FlashFixture : IDisposable
{
    public const string Board = "test-board";
    public const string Target = "ESP32_S3_QUAD";
    public const string Port = "/dev/ttyUSB0";

    private readonly TempFolder _folder = new("cli-flash");

    public FlashFixture()
    {
        Directory.CreateDirectory(Hardware);
        File.WriteAllText(Path.Combine(Hardware, Board + ".json"), $$"""{ "id": "{{Board}}", "description": "test", "nanoffTarget": "{{Target}}", "network": "wifi" }""");
        File.WriteAllText(Path.Combine(Hardware, "other-board.json"), """{ "id": "other-board", "nanoffTarget": "ESP32_REV0" }""");
        File.WriteAllBytes(Image, [1, 2, 3]);
    }

    public string Root => _folder.Path;

    public string Hardware => Path.Combine(_folder.Path, "hardware");

    public string Image => Path.Combine(_folder.Path, "App.bin");

    public string Dir => Path.Combine(_folder.Path, ".nordiciot");

    public ProjectLayout Layout => new(Dir);

    public async Task ProvisionAsync(string deviceId, params string[] extra)
    {
        var result = await CliRun.RunAsync(["provision", "--dir", Dir, "--device", deviceId, .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public Task<CliResult> FlashAsync(string deviceId, params string[] extra) =>
        CliRun.RunAsync(["flash", "--dir", Dir, "--hardware", Hardware, "--board", Board, "--device", deviceId, "--serial-port", Port, .. extra]);

    public void Dispose() => _folder.Dispose();
}
