using System.Text.Json;
using NordicIoT.Cli.Provisioning;
using NordicIoT.Device.Host.Storage;
using NordicIoT.Device.Ota.AppSets;

namespace NordicIoT.Cli.Tests.Flash;

/// <summary>`nordiciot flash --app-set`: the OTA loader's image, then the provisioned files and the first application set as slot a in one file deployment.</summary>
public sealed class FlashAppSetTests : IDisposable
{
    private readonly FlashFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task The_loader_image_is_deployed_and_the_app_build_becomes_slot_a_in_load_order_with_the_record_the_loader_reads()
    {
        await _fixture.ProvisionAsync("dev-1", "--board", FlashFixture.Board);
        string build = _fixture.AppBuild();

        var result = await _fixture.FlashAsync("dev-1", "--image", _fixture.LoaderImage, "--app-set", build, "--app-version", "1.2.0", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        string target = $"--target {FlashFixture.Target} --serialport {FlashFixture.Port}";
        string deployment = _fixture.Layout.FlashDeploymentPath("dev-1");
        Assert.Equal(
        [
            $"nanoff --update {target}",
            $"nanoff {target} --deploy --image {_fixture.LoaderImage}",
            $"nanoff {target} --filedeployment {deployment}",
        ], result.OutputLines);

        var files = ProjectFiles.ReadJson<FileDeployment>(deployment).Files;
        var provisioned = ProjectFiles.ReadJson<FileDeployment>(_fixture.Layout.FileDeploymentPath("dev-1")).Files;
        Assert.Equal(provisioned, files.Take(provisioned.Count));
        Assert.Contains(files, f => f.DestinationFilePath == @"I:\release.pub");

        // Markers of an earlier life go, so the loader starts slot a with nothing on trial; then a's record, its files, its record.
        var rest = files.Skip(provisioned.Count).ToList();
        Assert.Equal(
            [@"I:\ota-current", @"I:\ota-next", @"I:\ota-trial", @"I:\ota-failed", @"I:\ota-offer", @"I:\ota-status", @"I:\ota-b.set", @"I:\ota-a.set"],
            rest.TakeWhile(f => f.SourceFilePath is null).Select(f => f.DestinationFilePath));
        var set = rest.SkipWhile(f => f.SourceFilePath is null).ToList();
        Assert.Equal([@"I:\ota-a-0", @"I:\ota-a-1", @"I:\ota-a-2", @"I:\ota-a.set"], set.Select(f => f.DestinationFilePath));

        // Dependencies first (by name the app would come first); the loader's own assemblies and non-assemblies stay out.
        string[] expected = ["NordicIoT.Schemas.pe", "NordicIoT.Device.pe", "NordicIoT.Device.App.pe"];
        Assert.Equal(expected.Select(n => Path.Combine(build, n)), set.Take(3).Select(f => f.SourceFilePath));

        // The record is the device library's own format, read back by the loader's code.
        string recordFolder = Path.GetDirectoryName(set[3].SourceFilePath)!;
        var record = AppSetRecord.Read(new FolderStorage(recordFolder), AppSetNames.SlotA)!;
        Assert.Equal("1.2.0", record.Version);
        Assert.Equal(expected, record.Names);
        Assert.Equal([10_000L, 20_000L, 30_000L], record.Sizes);
        Assert.Equal("1.2.0", AppSetRecord.RunningVersion(new FolderStorage(recordFolder), "0.1.0"));
    }

    [Fact]
    public async Task A_build_folder_that_is_missing_or_not_the_app_s_is_invalid_input_that_says_what_to_pass()
    {
        await _fixture.ProvisionAsync("dev-1", "--board", FlashFixture.Board);
        string build = _fixture.AppBuild();

        var missing = await _fixture.FlashAsync("dev-1", "--image", _fixture.LoaderImage, "--app-set", Path.Combine(_fixture.Root, "nope"), "--app-version", "1.0.0", "--dry-run");
        File.Delete(Path.Combine(build, "NordicIoT.Device.App.pe"));
        var noApp = await _fixture.FlashAsync("dev-1", "--image", _fixture.LoaderImage, "--app-set", build, "--app-version", "1.0.0", "--dry-run");

        Assert.Equal(ExitCodes.InvalidInput, missing.ExitCode);
        Assert.Contains("does not exist: build device/NordicIoT.Device.App", missing.Error);
        Assert.Equal(ExitCodes.InvalidInput, noApp.ExitCode);
        Assert.Contains("holds no NordicIoT.Device.App.pe", noApp.Error);
        Assert.Equal("", missing.Output + noApp.Output);
    }

    [Fact]
    public async Task The_app_s_image_an_image_away_from_its_build_a_missing_image_or_a_missing_version_with_an_app_set_are_invalid_input()
    {
        await _fixture.ProvisionAsync("dev-1", "--board", FlashFixture.Board);
        string build = _fixture.AppBuild();
        string appImage = Path.Combine(build, "NordicIoT.Device.App.bin");

        var wrongImage = await _fixture.FlashAsync("dev-1", "--image", appImage, "--app-set", build, "--app-version", "1.0.0", "--dry-run");
        var noImage = await _fixture.FlashAsync("dev-1", "--app-set", build, "--app-version", "1.0.0", "--dry-run");
        var noVersion = await _fixture.FlashAsync("dev-1", "--image", _fixture.LoaderImage, "--app-set", build, "--dry-run");
        var badVersion = await _fixture.FlashAsync("dev-1", "--image", _fixture.LoaderImage, "--app-set", build, "--app-version", "1.0", "--dry-run");
        string lone = Path.Combine(Directory.CreateDirectory(Path.Combine(_fixture.Root, "copied")).FullName, "NordicIoT.Device.Loader.bin");
        File.WriteAllBytes(lone, [1]);
        var loneImage = await _fixture.FlashAsync("dev-1", "--image", lone, "--app-set", build, "--app-version", "1.0.0", "--dry-run");

        Assert.All([wrongImage, noImage, noVersion, badVersion, loneImage], r => Assert.Equal(ExitCodes.InvalidInput, r.ExitCode));
        Assert.Contains("has no .pe files beside it", loneImage.Error);
        Assert.Contains("it is the app's image", wrongImage.Error);
        Assert.Contains("--app-set needs --image with the OTA loader's image", noImage.Error);
        Assert.Contains("--app-set and --app-version go together", noVersion.Error);
        Assert.Contains("not a semantic version", badVersion.Error);
    }

    [Fact]
    public async Task A_set_of_which_two_do_not_fit_the_board_s_storage_is_invalid_input_with_the_sizes()
    {
        await _fixture.ProvisionAsync("dev-1", "--board", FlashFixture.Board);

        // Two sets of about 1 MB do not fit 2 MB beside the 64 KB reading buffer.
        string build = _fixture.AppBuild(appBytes: 1_000_000);
        var result = await _fixture.FlashAsync("dev-1", "--image", _fixture.LoaderImage, "--app-set", build, "--app-version", "1.0.0", "--dry-run");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("taking an update needs two sets", result.Error);
        Assert.Contains($"has {FlashFixture.StorageBytes:N0}", result.Error);
        Assert.False(File.Exists(_fixture.Layout.FlashDeploymentPath("dev-1")));
    }

    [Fact]
    public async Task Flash_deployment_file_is_what_nanoff_reads_deletions_without_a_source()
    {
        await _fixture.ProvisionAsync("dev-1", "--board", FlashFixture.Board);

        var result = await _fixture.FlashAsync("dev-1", "--image", _fixture.LoaderImage, "--app-set", _fixture.AppBuild(), "--app-version", "1.0.0", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(_fixture.Layout.FlashDeploymentPath("dev-1")));
        var current = json.RootElement.GetProperty("Files").EnumerateArray().Single(f => f.GetProperty("DestinationFilePath").GetString() == @"I:\ota-current");
        Assert.False(current.TryGetProperty("SourceFilePath", out _));
    }
}
