using System.Net;
using Amazon.S3;
using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.S3;
using NordicIoT.Testing;

namespace NordicIoT.Cloud.Storage.Tests;

/// <summary>The firmware store contract on S3 (s3rver per class, a new bucket per test).</summary>
public sealed class S3FirmwareFileStoreTests : FirmwareFileStoreContract, IClassFixture<S3rverProcess>, IAsyncLifetime
{
    private readonly S3rverProcess _s3;
    private S3FirmwareFileStore _store = null!;
    private string _bucket = "";

    public S3FirmwareFileStoreTests(S3rverProcess s3)
    {
        _s3 = s3;
    }

    protected override IFirmwareFileStore Store => _store;

    public async Task InitializeAsync()
    {
        _bucket = await _s3.NewBucketAsync();
        _store = new S3FirmwareFileStore(_s3.Client, new S3FirmwareStoreOptions { BucketName = _bucket, KeyPrefix = "firmware/", PresignProtocol = Protocol.HTTP });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Objects_are_stored_whole_under_the_prefix()
    {
        var (upload, release) = Ids();
        await StageAsync(upload, "App.pe", "exactly these bytes");
        await Store.PromoteAsync(upload, release, None);

        var listed = await _s3.Client.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = _bucket });

        var stored = Assert.Single(listed.S3Objects);
        Assert.Equal($"firmware/releases/{release}/App.pe", stored.Key);
        Assert.Equal(19, stored.Size);
    }

    [Fact]
    public async Task Presigned_url_serves_a_range_without_other_credentials()
    {
        var (upload, release) = Ids();
        await StageAsync(upload, "App.pe", "0123456789abcdef");
        await Store.PromoteAsync(upload, release, None);

        var url = Store.DirectDownloadUrl(release, "App.pe", DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.NotNull(url);
        Assert.Equal("http", url.Scheme);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(4, 9);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("456789", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Without_presigning_downloads_go_through_the_api()
    {
        var store = new S3FirmwareFileStore(_s3.Client, new S3FirmwareStoreOptions { BucketName = _bucket, PresignDownloads = false });

        Assert.Null(store.DirectDownloadUrl(FirmwareFileNames.NewId(DateTimeOffset.UtcNow), "App.pe", DateTimeOffset.UtcNow.AddMinutes(5)));
    }
}
