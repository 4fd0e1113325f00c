using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Tests.Support;

namespace NordicIoT.Cloud.Tests.Firmware;

/// <summary>POST /api/firmware: a good release is stored whole; every kind of bad upload is refused with its own problem and leaves nothing behind.</summary>
public sealed class UploadTests : IAsyncLifetime
{
    private readonly OtaApp _app = new(new Dictionary<string, string?> { ["Firmware:MaxFileBytes"] = "10000" });
    private HttpClient _admin = null!;

    private string FirmwareFolder => Path.Combine(_app.DataDirectory, "firmware");

    public async Task InitializeAsync() => _admin = await _app.ClientAsync(ApiRole.Admin);

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_signed_release_is_stored_with_its_files()
    {
        var release = Release("1.5.0", ("NordicIoT.Device.pe", 5000), ("App.pe", 1200));

        var response = await _admin.PostAsync("/api/firmware", release.Multipart());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/api/firmware/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("1.5.0", created.GetProperty("version").GetString());
        Assert.Equal("ready", created.GetProperty("status").GetString());
        Assert.Equal(["NordicIoT.Device.pe", "App.pe"], created.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(release.Files["App.pe"], await File.ReadAllBytesAsync(Path.Combine(FirmwareFolder, "releases", id, "App.pe")));
        Assert.Empty(StagedFiles());

        using var viewer = await _app.ClientAsync(ApiRole.Viewer);
        var listed = JsonDocument.Parse(await viewer.GetStringAsync("/api/firmware")).RootElement;
        Assert.Equal(id, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/firmware/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/firmware/{new string('0', 32)}")).StatusCode);
    }

    [Fact]
    public async Task Unsigned_release_is_refused()
    {
        var release = Release("1.0.0", ("App.pe", 100));
        release.Signature = null;

        await RefusedAsync(release.Multipart(), HttpStatusCode.UnprocessableEntity, "unsigned");
    }

    [Fact]
    public async Task Release_signed_by_another_key_is_refused()
    {
        using var other = SignedRelease.NewKey();
        var release = new SignedRelease(other, "1.0.0", new Dictionary<string, byte[]> { ["App.pe"] = SignedRelease.Content(100) });

        await RefusedAsync(release.Multipart(), HttpStatusCode.UnprocessableEntity, "bad-signature");
    }

    [Fact]
    public async Task Manifest_changed_after_signing_is_refused()
    {
        var release = Release("1.0.0", ("App.pe", 100));
        var changed = Release("1.0.1", ("App.pe", 100));
        release.Manifest = changed.Manifest;

        await RefusedAsync(release.Multipart(), HttpStatusCode.UnprocessableEntity, "bad-signature");
    }

    [Fact]
    public async Task File_whose_hash_differs_from_the_manifest_is_refused()
    {
        var release = Release("1.0.0", ("App.pe", 100), ("Lib.pe", 100));
        release.Files["Lib.pe"][50] ^= 0xFF;

        var problem = await RefusedAsync(release.Multipart(), HttpStatusCode.UnprocessableEntity, "hash-mismatch");
        Assert.Contains("Lib.pe", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Files_longer_or_shorter_than_the_manifest_says_are_refused()
    {
        var longer = Release("1.0.0", ("App.pe", 100));
        longer.Files["App.pe"] = [.. longer.Files["App.pe"], 0x00];
        var shorter = Release("1.0.0", ("App.pe", 100));
        shorter.Files["App.pe"] = shorter.Files["App.pe"][..99];

        await RefusedAsync(longer.Multipart(), HttpStatusCode.UnprocessableEntity, "size-mismatch");
        await RefusedAsync(shorter.Multipart(), HttpStatusCode.UnprocessableEntity, "size-mismatch");
    }

    [Fact]
    public async Task A_version_that_exists_is_refused()
    {
        await _app.UploadAsync(Release("2.0.0", ("App.pe", 100)));

        await RefusedAsync(Release("2.0.0+rebuild", ("App.pe", 200)).Multipart(), HttpStatusCode.Conflict, "duplicate-version", expectedReleases: 1);
    }

    [Fact]
    public async Task Unknown_board_target_is_refused()
    {
        var release = new SignedRelease(_app.Key, "1.0.0", new Dictionary<string, byte[]> { ["App.pe"] = SignedRelease.Content(100) }, targets: ["ESP32_PSRAM_REV3"]);

        var problem = await RefusedAsync(release.Multipart(), HttpStatusCode.UnprocessableEntity, "unknown-target");
        Assert.Contains("ESP32_S3_QUAD", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task File_over_the_configured_size_is_refused_before_it_is_read()
    {
        await RefusedAsync(Release("1.0.0", ("App.pe", 10001)).Multipart(), HttpStatusCode.RequestEntityTooLarge, "file-too-large");
    }

    [Fact]
    public async Task Wrong_content_types_are_refused()
    {
        var release = Release("1.0.0", ("App.pe", 100));

        await RefusedAsync(new StringContent("{}", Encoding.UTF8, "application/json"), HttpStatusCode.UnsupportedMediaType, "wrong-content-type");
        await RefusedAsync(release.Multipart(manifestType: "application/json"), HttpStatusCode.UnsupportedMediaType, "wrong-content-type");
        await RefusedAsync(release.Multipart(fileType: "text/plain"), HttpStatusCode.UnsupportedMediaType, "wrong-content-type");
    }

    [Fact]
    public async Task Missing_and_unexpected_files_are_refused()
    {
        var release = Release("1.0.0", ("App.pe", 100), ("Lib.pe", 100));

        await RefusedAsync(release.Multipart(only: ["App.pe"]), HttpStatusCode.BadRequest, "missing-file");

        release.Files["Extra.pe"] = [1, 2, 3];
        await RefusedAsync(release.Multipart(), HttpStatusCode.BadRequest, "unexpected-file");
    }

    [Fact]
    public async Task Only_an_admin_uploads()
    {
        using var operatorClient = await _app.ClientAsync(ApiRole.Operator);

        var response = await operatorClient.PostAsync("/api/firmware", Release("1.0.0", ("App.pe", 100)).Multipart());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_release_removes_its_files_and_frees_its_version()
    {
        var id = await _app.UploadAsync(Release("3.0.0", ("App.pe", 100)));

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/firmware/{id}")).StatusCode);

        Assert.False(Directory.Exists(Path.Combine(FirmwareFolder, "releases", id)));
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync($"/api/firmware/{id}")).StatusCode);
        await _app.UploadAsync(Release("3.0.0", ("App.pe", 100)));
    }

    [Fact]
    public async Task A_release_with_a_rollout_in_progress_is_not_deleted()
    {
        var id = await _app.UploadAsync(Release("3.0.0", ("App.pe", 100)));
        await _app.RegisterAsync(null, "dev-1");
        using var operatorClient = await _app.ClientAsync(ApiRole.Operator);
        (await operatorClient.PostAsJsonAsync("/api/rollouts", new { releaseId = id, target = new { deviceIds = new[] { "dev-1" } } })).EnsureSuccessStatusCode();

        var response = await _admin.DeleteAsync($"/api/firmware/{id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("ready", JsonDocument.Parse(await _admin.GetStringAsync($"/api/firmware/{id}")).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Without_a_release_key_uploads_are_refused_as_unconfigured()
    {
        await using var app = new OtaApp(new Dictionary<string, string?> { ["Firmware:ReleasePublicKey"] = null });
        using var admin = await app.ClientAsync(ApiRole.Admin);

        var response = await admin.PostAsync("/api/firmware", Release("1.0.0", ("App.pe", 100)).Multipart());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("ReleasePublicKeyPath", await response.Content.ReadAsStringAsync());
    }

    private SignedRelease Release(string version, params (string Name, int Size)[] files) =>
        new(_app.Key, version, files.Select((f, i) => (f.Name, Content: SignedRelease.Content(f.Size, i + 1))).ToDictionary(f => f.Name, f => f.Content));

    // Checks the problem (status, type) and that neither a release record nor any file stayed behind.
    private async Task<JsonElement> RefusedAsync(HttpContent content, HttpStatusCode status, string type, int expectedReleases = 0)
    {
        var response = await _admin.PostAsync("/api/firmware", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal($"urn:nordiciot:firmware:{type}", problem.GetProperty("type").GetString());
        Assert.Equal(expectedReleases, (await _app.Storage.Releases.ListAsync(CancellationToken.None)).Count);
        Assert.Empty(StagedFiles());
        var releaseFolders = Directory.Exists(Path.Combine(FirmwareFolder, "releases")) ? Directory.GetDirectories(Path.Combine(FirmwareFolder, "releases")).Length : 0;
        Assert.Equal(expectedReleases, releaseFolders);
        return problem;
    }

    private string[] StagedFiles() =>
        Directory.Exists(Path.Combine(FirmwareFolder, "staging")) ? Directory.GetFiles(Path.Combine(FirmwareFolder, "staging"), "*", SearchOption.AllDirectories) : [];
}
