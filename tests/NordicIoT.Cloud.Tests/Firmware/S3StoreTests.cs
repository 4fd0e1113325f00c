using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Tests.Support;
using NordicIoT.Testing;

namespace NordicIoT.Cloud.Tests.Firmware;

/// <summary>The app with Firmware:Store=S3 on s3rver: uploads land in the bucket, downloads are redirected to presigned URLs (or streamed with Range when presigning is off).</summary>
public sealed class S3StoreTests(S3rverProcess s3) : IClassFixture<S3rverProcess>
{
    [Fact]
    public async Task Upload_lands_in_the_bucket_and_a_download_is_redirected_to_a_presigned_range()
    {
        var bucket = await s3.NewBucketAsync();
        await using var app = App(bucket, presign: true);

        // s3rver checks a presigned URL's expiry against the real time.
        app.Clock.Now = DateTimeOffset.UtcNow;
        var content = SignedRelease.Content(5000);
        var release = await app.UploadAsync(new SignedRelease(app.Key, "1.0.0", new Dictionary<string, byte[]> { ["App.pe"] = content }));

        var objects = await s3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal($"firmware/releases/{release}/App.pe", Assert.Single(objects.S3Objects).Key);

        var offer = await OfferAsync(app, release);
        using var api = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var redirect = await api.SendAsync(Request(new Uri(offer.BaseUrl + "App.pe").PathAndQuery, offer.Token, 100, 199));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.StartsWith(s3.ServiceUrl, location.AbsoluteUri, StringComparison.Ordinal);

        // The device follows with the same Range and without its token: the URL carries the signature.
        using var http = new HttpClient();
        using var range = await http.SendAsync(Request(location.AbsoluteUri, null, 100, 199));
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(content[100..200], await range.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Without_presigning_the_api_streams_ranges_from_the_bucket()
    {
        var bucket = await s3.NewBucketAsync();
        await using var app = App(bucket, presign: false);
        var content = SignedRelease.Content(5000, seed: 7);
        var release = await app.UploadAsync(new SignedRelease(app.Key, "1.0.0", new Dictionary<string, byte[]> { ["App.pe"] = content }));
        var offer = await OfferAsync(app, release);

        using var api = app.Factory.CreateClient();
        using var response = await api.SendAsync(Request(new Uri(offer.BaseUrl + "App.pe").PathAndQuery, offer.Token, 4000, null));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 4000-4999/5000", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(content[4000..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_refused_upload_leaves_nothing_in_the_bucket()
    {
        var bucket = await s3.NewBucketAsync();
        await using var app = App(bucket, presign: true);
        var release = new SignedRelease(app.Key, "1.0.0", new Dictionary<string, byte[]> { ["App.pe"] = SignedRelease.Content(100), ["Lib.pe"] = SignedRelease.Content(100, 2) });
        release.Files["Lib.pe"][0] ^= 1;
        using var admin = await app.ClientAsync(ApiRole.Admin);

        var response = await admin.PostAsync("/api/firmware", release.Multipart());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Empty((await s3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []);
    }

    private OtaApp App(string bucket, bool presign) => new(
        new Dictionary<string, string?>
        {
            ["Firmware:Store"] = "S3",
            ["Firmware:S3:BucketName"] = bucket,
            ["Firmware:S3:ServiceUrl"] = s3.ServiceUrl,
            ["Firmware:S3:PresignDownloads"] = presign ? "true" : "false",
        },
        services => services.AddSingleton<IAmazonS3>(new AmazonS3Client(S3rverProcess.Credentials, s3.ClientConfig())));

    private static async Task<Schemas.Messages.FirmwareOffer> OfferAsync(OtaApp app, string release)
    {
        await app.RegisterAsync(null, "dev-1");
        using var operatorClient = await app.ClientAsync(ApiRole.Operator);
        (await operatorClient.PostAsJsonAsync("/api/rollouts", new { releaseId = release, target = new { deviceIds = new[] { "dev-1" } } })).EnsureSuccessStatusCode();
        return app.Offer("dev-1")!;
    }

    private static HttpRequestMessage Request(string url, string? token, long from, long? to)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(from, to) } };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
