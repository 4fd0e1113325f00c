using System.Text;
using NordicIoT.Cloud.Firmware;

namespace NordicIoT.Cloud.Storage.Tests;

/// <summary>What every firmware file store must do; each store runs it through a subclass.</summary>
public abstract class FirmwareFileStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    protected abstract IFirmwareFileStore Store { get; }

    protected static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task Staged_files_are_not_a_release_until_promoted()
    {
        var (upload, release) = Ids();
        await StageAsync(upload, "App.pe", "application");
        await StageAsync(upload, "Lib.pe", "library");

        Assert.Equal(["App.pe", "Lib.pe"], (await Store.ListStagedAsync(upload, None)).Order());
        Assert.Empty(await Store.ListReleaseAsync(release, None));
        Assert.Null(await Store.OpenReadAsync(release, "App.pe", 0, 1, None));

        await Store.PromoteAsync(upload, release, None);

        Assert.Empty(await Store.ListStagedAsync(upload, None));
        Assert.Equal(["App.pe", "Lib.pe"], (await Store.ListReleaseAsync(release, None)).Order());
        Assert.Equal("library", await ReadAsync(release, "Lib.pe", 0, 7));
    }

    [Fact]
    public async Task Discarding_an_upload_leaves_nothing()
    {
        var (upload, release) = Ids();
        await StageAsync(upload, "App.pe", "application");

        await Store.DiscardStagedAsync(upload, None);
        await Store.DiscardStagedAsync(upload, None);

        Assert.Empty(await Store.ListStagedAsync(upload, None));
        Assert.Empty(await Store.ListReleaseAsync(release, None));
    }

    [Fact]
    public async Task A_range_is_read_from_its_offset()
    {
        var (upload, release) = Ids();
        var content = string.Concat(Enumerable.Range(0, 1000).Select(i => (char)('a' + (i % 26))));
        await StageAsync(upload, "Big.pe", content);
        await Store.PromoteAsync(upload, release, None);

        Assert.Equal(content[500..520], await ReadAsync(release, "Big.pe", 500, 20));
        Assert.Equal(content[990..], await ReadAsync(release, "Big.pe", 990, 10));
        Assert.Null(await Store.OpenReadAsync(release, "Other.pe", 0, 1, None));
    }

    [Fact]
    public async Task Deleting_a_release_removes_its_files_only()
    {
        var (upload, release) = Ids();
        var (otherUpload, other) = Ids();
        await StageAsync(upload, "App.pe", "one");
        await StageAsync(otherUpload, "App.pe", "two");
        await Store.PromoteAsync(upload, release, None);
        await Store.PromoteAsync(otherUpload, other, None);

        await Store.DeleteReleaseAsync(release, None);
        await Store.DeleteReleaseAsync(release, None);

        Assert.Empty(await Store.ListReleaseAsync(release, None));
        Assert.Equal("two", await ReadAsync(other, "App.pe", 0, 3));
    }

    [Fact]
    public async Task Names_and_ids_that_could_escape_are_refused()
    {
        var (upload, _) = Ids();

        await Assert.ThrowsAsync<ArgumentException>(() => StageAsync(upload, "../App.pe", "x"));
        await Assert.ThrowsAsync<ArgumentException>(() => StageAsync(upload, ".hidden", "x"));
        await Assert.ThrowsAsync<ArgumentException>(() => StageAsync("../../etc", "App.pe", "x"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync("ABC", "App.pe", 0, 1, None));
    }

    protected static (string Upload, string Release) Ids() => (FirmwareFileNames.NewId(Now), FirmwareFileNames.NewId(Now));

    protected async Task StageAsync(string upload, string name, string content)
    {
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(content));
        await Store.StageAsync(upload, name, stream, None);
    }

    protected async Task<string> ReadAsync(string release, string name, long offset, int length)
    {
        await using var stream = await Store.OpenReadAsync(release, name, offset, length, None) ?? throw new FileNotFoundException(name);
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer);
        return Encoding.ASCII.GetString(buffer);
    }
}
