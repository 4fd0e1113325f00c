using System.Net;
using NordicIoT.Dashboard.Tests.Support;

namespace NordicIoT.Dashboard.Tests.Api;

/// <summary>The embedded dashboard files as the app serves them.</summary>
public sealed class DashboardAssetsTests : IAsyncLifetime
{
    private CloudServer _server = null!;

    public async Task InitializeAsync() => _server = await CloudServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_root_serves_the_page_under_a_policy_that_allows_only_this_origins_scripts()
    {
        using var http = _server.Http();

        var page = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("js/app.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/js/app.js", "text/javascript")]
    [InlineData("/js/pages/device.js", "text/javascript")]
    [InlineData("/css/app.css", "text/css")]
    [InlineData("/icon.svg", "image/svg+xml")]
    public async Task Every_asset_is_served_with_its_type_and_revalidated(string path, string type)
    {
        using var http = _server.Http();

        var asset = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal(type, asset.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", asset.Headers.CacheControl?.ToString());
        Assert.NotNull(asset.Headers.ETag);
    }

    [Fact]
    public async Task The_page_and_its_scripts_name_no_other_origin()
    {
        var root = Path.Combine(Screenshots.RepositoryRoot(), "cloud", "NordicIoT.Cloud", "wwwroot");
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotMatch(@"https?://(?!www\.w3\.org/2000/svg)", text);
            Assert.DoesNotContain("innerHTML", text, StringComparison.Ordinal);
        }
    }
}
