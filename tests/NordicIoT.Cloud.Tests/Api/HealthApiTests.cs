using System.Net;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Tests.Support;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Tests.Api;

/// <summary>Health, metrics, the OpenAPI document and the API browser.</summary>
public sealed class HealthApiTests : ApiTest
{
    [Fact]
    public async Task Liveness_and_readiness_answer_without_a_key()
    {
        using var anonymous = App.CreateClient();

        Assert.Equal("Healthy", (await GetJsonAsync(anonymous, "/health/live")).GetProperty("status").GetString());
        var ready = await GetJsonAsync(anonymous, "/health/ready");
        Assert.Equal(
            ["bridge Healthy", "storage Healthy"],
            ready.GetProperty("checks").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()} {c.GetProperty("status").GetString()}").Order());
    }

    [Fact]
    public async Task Metrics_count_ingestion_and_need_a_key()
    {
        await App.RegisterAsync("dev-1");
        await App.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Temperature, (Wire.Seconds(Now) - 120, 1), (Wire.Seconds(Now) - 60, 2)));
        await App.IngestAsync("d/dev-1/s", Wire.State(r => r.Uptime = 3));
        await App.IngestAsync("d/dev-1/b", [0xff]);
        using var anonymous = App.CreateClient();
        using var viewer = await App.ClientAsync(ApiRole.Viewer);

        await ProblemAsync(await anonymous.GetAsync("/health/metrics"), HttpStatusCode.Unauthorized);
        var metrics = await GetJsonAsync(viewer, "/health/metrics");

        Assert.Equal((1, 2, 1), (metrics.GetProperty("batches").GetInt32(), metrics.GetProperty("readings").GetInt32(), metrics.GetProperty("states").GetInt32()));
        Assert.Equal(1, metrics.GetProperty("deadLetters").GetProperty("malformed").GetInt32());
        Assert.Equal("disabled", metrics.GetProperty("bridge").GetProperty("state").GetString());
    }

    [Fact]
    public async Task OpenApi_document_lists_every_endpoint_with_the_bearer_scheme()
    {
        using var anonymous = App.CreateClient();

        var document = await GetJsonAsync(anonymous, "/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(
            new HashSet<string>
            {
                "/api/devices", "/api/devices/{deviceId}", "/api/devices/{deviceId}/config", "/api/devices/{deviceId}/readings/{sensor}",
                "/api/devices/{deviceId}/readings/{sensor}/export.csv", "/api/devices/{deviceId}/readings/{sensor}/export.senml",
                "/api/dead-letters", "/api/keys", "/api/keys/{keyId}", "/health/metrics",
            },
            paths);
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Api_browser_is_served_from_embedded_assets()
    {
        using var anonymous = App.CreateClient();

        var page = await anonymous.GetStringAsync("/docs/index.html");
        var script = await anonymous.GetAsync("/docs/swagger-ui-bundle.js");

        Assert.Contains("NordicIoT API", page);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", page);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Unknown_route_is_a_404_problem()
    {
        using var viewer = await App.ClientAsync(ApiRole.Viewer);

        await ProblemAsync(await viewer.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound);
    }
}
