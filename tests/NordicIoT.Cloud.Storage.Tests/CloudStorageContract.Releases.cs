using NordicIoT.Cloud.Firmware;

namespace NordicIoT.Cloud.Storage.Tests;

public abstract partial class CloudStorageContract
{
    [Fact]
    public async Task Release_reads_back_as_stored()
    {
        var release = Release("1.5.0", Now);

        Assert.True(await Storage.Releases.TryAddAsync(release, None));

        var stored = await Storage.Releases.GetAsync(release.Id, None);
        Assert.NotNull(stored);
        Assert.Equal(release.Version, stored.Version);
        Assert.Equal(release.Targets, stored.Targets);
        Assert.Equal(release.Manifest, stored.Manifest);
        Assert.Equal(release.Signature, stored.Signature);
        Assert.Equal(release.CreatedAt, stored.CreatedAt);
        Assert.True(stored.AllowDowngrade);
        Assert.Equal(ReleaseStatus.Ready, stored.Status);
        Assert.Equal(release.Files.Select(f => (f.Name, f.Size, Convert.ToHexString(f.Sha256))), stored.Files.Select(f => (f.Name, f.Size, Convert.ToHexString(f.Sha256))));
    }

    [Fact]
    public async Task A_version_is_held_by_one_release_even_with_other_build_metadata()
    {
        Assert.True(await Storage.Releases.TryAddAsync(Release("1.5.0+build.1", Now), None));

        Assert.False(await Storage.Releases.TryAddAsync(Release("1.5.0+build.2", Now.AddSeconds(1)), None));
        Assert.False(await Storage.Releases.TryAddAsync(Release("1.5.0", Now.AddSeconds(2)), None));
        Assert.True(await Storage.Releases.TryAddAsync(Release("1.5.0-rc.1", Now.AddSeconds(3)), None));
        Assert.Single(await Storage.Releases.ListAsync(None), r => r.Version.StartsWith("1.5.0+", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Release_is_found_by_version_precedence()
    {
        var release = Release("2.0.0+abc", Now);
        await Storage.Releases.TryAddAsync(release, None);

        Assert.Equal(release.Id, (await Storage.Releases.FindByVersionAsync("2.0.0", None))?.Id);
        Assert.Null(await Storage.Releases.FindByVersionAsync("2.0.1", None));
    }

    [Fact]
    public async Task Releases_list_newest_first()
    {
        var older = Release("1.0.0", Now);
        var newer = Release("0.9.0", Now.AddMinutes(1));
        await Storage.Releases.TryAddAsync(older, None);
        await Storage.Releases.TryAddAsync(newer, None);

        Assert.Equal([newer.Id, older.Id], (await Storage.Releases.ListAsync(None)).Select(r => r.Id));
    }

    [Fact]
    public async Task Release_status_changes_only_from_the_expected_one()
    {
        var release = Release("1.0.0", Now);
        await Storage.Releases.TryAddAsync(release, None);

        Assert.False(await Storage.Releases.TrySetStatusAsync(release.Id, ReleaseStatus.Deleting, ReleaseStatus.Ready, None));
        Assert.True(await Storage.Releases.TrySetStatusAsync(release.Id, ReleaseStatus.Ready, ReleaseStatus.Deleting, None));
        Assert.False(await Storage.Releases.TrySetStatusAsync(release.Id, ReleaseStatus.Ready, ReleaseStatus.Deleting, None));
        Assert.False(await Storage.Releases.TrySetStatusAsync(FirmwareFileNames.NewId(Now), ReleaseStatus.Ready, ReleaseStatus.Deleting, None));
        Assert.Equal(ReleaseStatus.Deleting, (await Storage.Releases.GetAsync(release.Id, None))!.Status);
    }

    [Fact]
    public async Task Deleting_a_release_frees_its_version()
    {
        var release = Release("3.1.4", Now);
        await Storage.Releases.TryAddAsync(release, None);

        Assert.True(await Storage.Releases.DeleteAsync(release.Id, None));

        Assert.False(await Storage.Releases.DeleteAsync(release.Id, None));
        Assert.Null(await Storage.Releases.GetAsync(release.Id, None));
        Assert.Null(await Storage.Releases.FindByVersionAsync("3.1.4", None));
        Assert.True(await Storage.Releases.TryAddAsync(Release("3.1.4", Now.AddMinutes(1)), None));
    }

    [Fact]
    public async Task Unknown_or_malformed_release_ids_find_nothing()
    {
        Assert.Null(await Storage.Releases.GetAsync(FirmwareFileNames.NewId(Now), None));
        Assert.Null(await Storage.Releases.GetAsync("../etc/passwd", None));
    }

    [Fact]
    public async Task Release_without_files_or_with_a_bad_version_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.Releases.TryAddAsync(Release("1.0.0", Now) with { Files = [] }, None));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.Releases.TryAddAsync(Release("1.0", Now), None));
    }

    protected static Release Release(string version, DateTimeOffset createdAt) => new(
        FirmwareFileNames.NewId(createdAt),
        version,
        ["ESP32_PSRAM_REV0", "ESP32_S3_QUAD"],
        [new ReleaseFile("NordicIoT.Device.pe", 12345, Enumerable.Repeat((byte)0xAB, 32).ToArray()), new ReleaseFile("App.pe", 7, new byte[32])],
        AllowDowngrade: true,
        Manifest: [0xA3, 0x01, 0x02, 0x03],
        Signature: Enumerable.Range(0, 64).Select(i => (byte)i).ToArray(),
        ReleaseStatus.Ready,
        createdAt);
}
