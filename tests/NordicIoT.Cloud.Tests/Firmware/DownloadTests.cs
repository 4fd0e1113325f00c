using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.Tests.Support;

namespace NordicIoT.Cloud.Tests.Firmware;

/// <summary>GET /api/firmware/{release}/files/{name}: Range downloads for the device holding the offer's token, and nobody else.</summary>
public sealed class DownloadTests : IAsyncLifetime
{
    private const int Size = 10_000;
    private readonly OtaApp _app = new();
    private readonly byte[] _content = SignedRelease.Content(Size);
    private string _releaseId = "";
    private long _rolloutId;
    private string _url = "";
    private string _token = "";

    public async Task InitializeAsync()
    {
        _releaseId = await _app.UploadAsync(new SignedRelease(_app.Key, "1.5.0", new Dictionary<string, byte[]> { ["App.pe"] = _content }));
        await _app.RegisterAsync(null, "dev-1", "dev-2");
        using var operatorClient = await _app.ClientAsync(ApiRole.Operator);
        var created = await operatorClient.PostAsJsonAsync("/api/rollouts", new { releaseId = _releaseId, target = new { deviceIds = new[] { "dev-1" } } });
        created.EnsureSuccessStatusCode();
        var offer = _app.Offer("dev-1") ?? throw new InvalidOperationException("no offer published");
        _rolloutId = offer.RolloutId;
        _url = offer.BaseUrl + "App.pe";
        _token = offer.Token;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void The_offer_points_at_the_api_under_the_public_base_url()
    {
        Assert.Equal($"{OtaApp.PublicBaseUrl}/api/firmware/{_releaseId}/files/App.pe", _url);
        Assert.StartsWith(DownloadTokens.Prefix + "dev-1.", _token, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_whole_file_comes_with_accept_ranges()
    {
        using var response = await GetAsync(_token, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        Assert.Equal(_content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_range_comes_as_206_with_its_content_range()
    {
        using var response = await GetAsync(_token, new RangeHeaderValue(2048, 4095));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 2048-4095/{Size}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(_content[2048..4096], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_download_resumes_from_an_offset_to_the_end()
    {
        var received = new List<byte>();
        using (var first = await GetAsync(_token, new RangeHeaderValue(0, 6999)))
        {
            received.AddRange(await first.Content.ReadAsByteArrayAsync());
        }

        using var rest = await GetAsync(_token, new RangeHeaderValue(received.Count, null));

        Assert.Equal(HttpStatusCode.PartialContent, rest.StatusCode);
        Assert.Equal($"bytes 7000-{Size - 1}/{Size}", rest.Content.Headers.ContentRange?.ToString());
        received.AddRange(await rest.Content.ReadAsByteArrayAsync());
        Assert.Equal(_content, received.ToArray());
    }

    [Fact]
    public async Task A_range_beyond_the_file_is_416()
    {
        using var response = await GetAsync(_token, new RangeHeaderValue(Size, null));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{Size}", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task No_token_or_a_forged_one_is_401()
    {
        using var none = await GetAsync(null, null);
        using var forged = await GetAsync(_token[..^2] + (_token[^2] == 'A' ? "BB" : "AA"), null);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Contains("MAC", await forged.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        _app.Clock.Now += TimeSpan.FromHours(25);

        using var response = await GetAsync(_token, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_of_a_device_outside_the_rollout_is_403()
    {
        var tokens = _app.Factory.Services.GetRequiredService<DownloadTokens>();
        var other = tokens.Issue(new DownloadGrant("dev-2", _rolloutId, _releaseId, _app.Clock.Now.AddHours(1)));

        using var response = await GetAsync(other, null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("dev-2", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_for_another_release_is_403()
    {
        var otherRelease = await _app.UploadAsync("1.6.0");

        using var response = await _app.Factory.CreateClient().SendAsync(Request($"{OtaApp.PublicBaseUrl}/api/firmware/{otherRelease}/files/App.pe", _token, null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task After_cancelling_the_rollout_the_token_no_longer_downloads()
    {
        using var operatorClient = await _app.ClientAsync(ApiRole.Operator);
        (await operatorClient.PostAsync($"/api/rollouts/{_rolloutId}/cancel", null)).EnsureSuccessStatusCode();

        using var response = await GetAsync(_token, null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("CANCELED", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_api_key_does_not_download()
    {
        using var admin = await _app.ClientAsync(ApiRole.Admin);

        using var response = await admin.GetAsync(new Uri(_url).PathAndQuery);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<HttpResponseMessage> GetAsync(string? token, RangeHeaderValue? range) =>
        _app.Factory.CreateClient().SendAsync(Request(_url, token, range));

    private static HttpRequestMessage Request(string url, string? token, RangeHeaderValue? range)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url).PathAndQuery);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        request.Headers.Range = range;
        return request;
    }
}
