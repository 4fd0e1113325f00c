using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.Storage.Ota;
using NordicIoT.Testing;

namespace NordicIoT.Cloud.Storage.Tests;

/// <summary>The firmware store contract on a temp folder.</summary>
public sealed class FolderFirmwareFileStoreTests : FirmwareFileStoreContract, IDisposable
{
    private readonly TempFolder _folder = new("firmware-folder");
    private readonly FolderFirmwareFileStore _store;

    public FolderFirmwareFileStoreTests()
    {
        _store = new FolderFirmwareFileStore(Path.Combine(_folder.Path, "firmware"));
    }

    protected override IFirmwareFileStore Store => _store;

    [Fact]
    public async Task Files_live_under_staging_and_releases()
    {
        var (upload, release) = Ids();
        await StageAsync(upload, "App.pe", "app");
        Assert.True(File.Exists(Path.Combine(_store.Root, "staging", upload, "App.pe")));

        await Store.PromoteAsync(upload, release, None);

        Assert.False(Directory.Exists(Path.Combine(_store.Root, "staging", upload)));
        Assert.True(File.Exists(Path.Combine(_store.Root, "releases", release, "App.pe")));
        Assert.Null(Store.DirectDownloadUrl(release, "App.pe", DateTimeOffset.UtcNow.AddMinutes(5)));
    }

    public void Dispose() => _folder.Dispose();
}
