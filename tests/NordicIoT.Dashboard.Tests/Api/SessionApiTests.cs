using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NordicIoT.Cloud.Access;
using NordicIoT.Dashboard.Tests.Support;

namespace NordicIoT.Dashboard.Tests.Api;

/// <summary>Sign-in by session cookie over real HTTP: cookie flags, what the cookie authenticates, the cross-site request guard, sign-out.</summary>
public sealed class SessionApiTests : IAsyncLifetime
{
    private readonly CookieContainer _cookies = new();
    private CloudServer _server = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _server = await CloudServer.StartAsync();
        await _server.RegisterAsync(null, "dev-1");
        _browser = new HttpClient(new HttpClientHandler { CookieContainer = _cookies }) { BaseAddress = new Uri(_server.Url) };
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_good_key_sets_an_httponly_strict_cookie_that_then_authenticates()
    {
        var key = await _server.KeyAsync(ApiRole.Operator);

        var signIn = await _browser.PostAsJsonAsync("/api/session", new { apiKey = key });

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("nordiciot_session=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", setCookie, StringComparison.OrdinalIgnoreCase);
        var session = await _browser.GetFromJsonAsync<JsonElement>("/api/session");
        Assert.Equal("operator", session.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _browser.GetAsync("/api/devices/dev-1")).StatusCode);
    }

    [Theory]
    [InlineData("nio_unknown.key", HttpStatusCode.Unauthorized, "API key not accepted")]
    [InlineData("   ", HttpStatusCode.BadRequest, "apiKey")]
    public async Task A_bad_or_missing_key_is_refused_with_a_problem_and_no_cookie(string key, HttpStatusCode status, string says)
    {
        var signIn = await _browser.PostAsJsonAsync("/api/session", new { apiKey = key });

        Assert.Equal(status, signIn.StatusCode);
        Assert.Contains(says, await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(signIn.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task With_the_cookie_a_change_needs_the_requested_by_header()
    {
        await _browser.PostAsJsonAsync("/api/session", new { apiKey = await _server.KeyAsync(ApiRole.Operator) });

        var forged = await PutConfigAsync(withHeader: false);
        var own = await PutConfigAsync(withHeader: true);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Contains("X-Requested-By", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Signing_out_clears_the_cookie_and_a_revoked_key_ends_the_session()
    {
        var admin = await _server.KeyAsync(ApiRole.Admin);
        await _browser.PostAsJsonAsync("/api/session", new { apiKey = admin });
        Assert.Equal(HttpStatusCode.NoContent, (await _browser.DeleteAsync("/api/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _browser.GetAsync("/api/session")).StatusCode);

        var viewer = await _server.KeyAsync(ApiRole.Viewer);
        await _browser.PostAsJsonAsync("/api/session", new { apiKey = viewer });
        var id = (await _browser.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("keyId").GetString();
        using var adminClient = _server.Http();
        adminClient.DefaultRequestHeaders.Authorization = new("Bearer", admin);
        Assert.Equal(HttpStatusCode.NoContent, (await adminClient.DeleteAsync($"/api/keys/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _browser.GetAsync("/api/devices")).StatusCode);
    }

    private async Task<HttpResponseMessage> PutConfigAsync(bool withHeader)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/devices/dev-1/config")
        {
            Content = new StringContent("""{"uplinkInterval": 600}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        if (withHeader)
        {
            request.Headers.Add("X-Requested-By", "test");
        }

        return await _browser.SendAsync(request);
    }
}
