using System.Net;
using System.Net.Http.Json;
using System.Text;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Tests.Support;

namespace NordicIoT.Cloud.Tests.Api;

/// <summary>GET/PUT /api/devices/{id}/config: optimistic concurrency, validation with the device's ranges, versioning.</summary>
public sealed class ConfigApiTests : ApiTest
{
    private HttpClient _operator = null!;

    public override async Task InitializeAsync()
    {
        await App.RegisterAsync("dev-1");
        _operator = await App.ClientAsync(ApiRole.Operator);
    }

    public override async Task DisposeAsync()
    {
        _operator.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Device_without_a_configuration_shows_the_defaults_at_version_0()
    {
        var response = await _operator.GetAsync("/api/devices/dev-1/config");
        var config = await JsonAsync(response);

        Assert.Equal("\"0\"", response.Headers.ETag?.Tag);
        Assert.Equal((0, "default"), (config.GetProperty("version").GetInt32(), config.GetProperty("state").GetString()));
        Assert.Equal(
            """{"sampleIntervals":{"temperature":60,"humidity":60,"pressure":60,"battery":60},"uplinkInterval":900,"stateInterval":86400,"mode":"normal","thresholds":{},"maxBatchBytes":1024}""",
            config.GetProperty("config").GetRawText());
    }

    [Fact]
    public async Task Put_without_if_match_is_428()
    {
        var problem = await ProblemAsync(await _operator.PutAsJsonAsync("/api/devices/dev-1/config", new { uplinkInterval = 600 }), HttpStatusCode.PreconditionRequired);

        Assert.Contains("If-Match", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("\"3\"")]
    [InlineData("W/\"0\"")]
    [InlineData("0")]
    public async Task Put_with_a_stale_or_weak_tag_is_412(string ifMatch)
    {
        var problem = await ProblemAsync(await PutAsync("""{"uplinkInterval": 600}""", ifMatch), HttpStatusCode.PreconditionFailed);

        Assert.Contains("now \"0\"", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Put_stores_the_next_version_as_desired_and_the_twin_shows_it_pending()
    {
        var response = await PutAsync(
            """{"uplinkInterval": 600, "mode": "power-save", "sampleIntervals": {"temperature": 30, "gps": 300}, "thresholds": {"temperature": {"low": -10.5, "high": 30}, "battery": {"low": 3.3, "high": 4.2}}, "maxBatchBytes": 2048}""",
            "\"0\"");

        var updated = await JsonAsync(response);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.False(updated.GetProperty("published").GetBoolean());
        Assert.Contains("Broker:Host", updated.GetProperty("publishError").GetString());
        var config = updated.GetProperty("config");
        Assert.Equal((1, "pending"), (config.GetProperty("version").GetInt32(), config.GetProperty("state").GetString()));
        Assert.Equal(
            """{"sampleIntervals":{"temperature":30,"gps":300},"uplinkInterval":600,"stateInterval":86400,"mode":"power-save","thresholds":{"temperature":{"low":-10.5,"high":30},"battery":{"low":3.3,"high":4.2}},"maxBatchBytes":2048}""",
            config.GetProperty("config").GetRawText());

        var twin = await GetJsonAsync(_operator, "/api/devices/dev-1");
        Assert.Equal(1, twin.GetProperty("desired").GetProperty("version").GetInt32());
        Assert.Equal("""{"configVersion":{"desired":1,"reported":null}}""", twin.GetProperty("pending").GetRawText());
    }

    [Fact]
    public async Task Each_put_increments_the_version_and_needs_the_latest_tag()
    {
        (await PutAsync("""{"uplinkInterval": 600}""", "\"0\"")).EnsureSuccessStatusCode();
        (await PutAsync("""{"uplinkInterval": 300}""", "\"1\"")).EnsureSuccessStatusCode();
        await ProblemAsync(await PutAsync("""{"uplinkInterval": 120}""", "\"1\""), HttpStatusCode.PreconditionFailed);
        (await PutAsync("""{"uplinkInterval": 120}""", "\"9\", \"2\"")).EnsureSuccessStatusCode();

        var config = await GetJsonAsync(_operator, "/api/devices/dev-1/config");
        Assert.Equal((3, 120), (config.GetProperty("version").GetInt32(), config.GetProperty("config").GetProperty("uplinkInterval").GetInt32()));
    }

    [Fact]
    public async Task Config_shows_applied_once_the_device_reports_its_version()
    {
        (await PutAsync("""{"uplinkInterval": 600}""", "*")).EnsureSuccessStatusCode();
        await App.IngestAsync("d/dev-1/s", Wire.State(r => r.ConfigVersion = 1));

        Assert.Equal("applied", (await GetJsonAsync(_operator, "/api/devices/dev-1/config")).GetProperty("state").GetString());
        var twin = await GetJsonAsync(_operator, "/api/devices/dev-1");
        Assert.Equal(("applied", "{}"), (twin.GetProperty("configState").GetString(), twin.GetProperty("pending").GetRawText()));
    }

    [Fact]
    public async Task Desired_uplink_interval_sets_the_status_thresholds()
    {
        (await PutAsync("""{"uplinkInterval": 60}""", "\"0\"")).EnsureSuccessStatusCode();
        await App.IngestAsync("d/dev-1/s", Wire.State(r => r.Uptime = 1));
        App.Clock.Now = Now.AddMinutes(5);

        Assert.Equal("stale", (await GetJsonAsync(_operator, "/api/devices/dev-1")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Every_invalid_setting_is_listed_with_the_device_ranges()
    {
        var problem = await ProblemAsync(await PutAsync(
            """
            {
              "uplinkInterval": 5, "stateInterval": 604801, "mode": "turbo", "maxBatchBytes": 10000,
              "sampleIntervals": {"temperature": 86401, "wind": 10, "1": 60},
              "thresholds": {"gps": {"low": 0, "high": 1}, "humidity": {"low": 50.123, "high": 60}, "pressure": {"low": 2, "high": 1}},
              "colour": "blue"
            }
            """, "\"0\""), HttpStatusCode.BadRequest);

        Assert.Equal(
            ["colour", "maxBatchBytes", "mode", "sampleIntervals.1", "sampleIntervals.temperature", "sampleIntervals.wind", "stateInterval",
             "thresholds.gps", "thresholds.humidity.low", "thresholds.pressure", "uplinkInterval"],
            InvalidFields(problem));
        var errors = problem.GetProperty("errors");
        Assert.Equal("must be a whole number of seconds from 10 to 86400", errors.GetProperty("uplinkInterval")[0].GetString());
        Assert.Equal("must be a whole number of bytes from 64 to 8192", errors.GetProperty("maxBatchBytes")[0].GetString());
        Assert.Contains("steps of 0.01", errors.GetProperty("thresholds.humidity.low")[0].GetString());
        Assert.Equal("\"0\"", (await _operator.GetAsync("/api/devices/dev-1/config")).Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Empty_sample_interval_list_is_refused_because_the_device_would_refuse_it()
    {
        var problem = await ProblemAsync(await PutAsync("""{"sampleIntervals": {}}""", "\"0\""), HttpStatusCode.BadRequest);

        Assert.Equal(["sampleIntervals"], InvalidFields(problem));
    }

    [Fact]
    public async Task Empty_body_object_resets_to_the_defaults_at_a_new_version()
    {
        var config = (await JsonAsync(await PutAsync("{}", "\"0\""))).GetProperty("config");

        Assert.Equal((1, 900), (config.GetProperty("version").GetInt32(), config.GetProperty("config").GetProperty("uplinkInterval").GetInt32()));
    }

    [Fact]
    public async Task Viewer_cannot_change_configuration()
    {
        using var viewer = await App.ClientAsync(ApiRole.Viewer);
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/devices/dev-1/config") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");

        var problem = await ProblemAsync(await viewer.SendAsync(request), HttpStatusCode.Forbidden);

        Assert.Equal("This needs the operator role; the API key has viewer.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Config_of_an_unknown_device_is_a_404()
    {
        await ProblemAsync(await _operator.GetAsync("/api/devices/nobody/config"), HttpStatusCode.NotFound);
        await ProblemAsync(await PutAsync("{}", "\"0\"", "nobody"), HttpStatusCode.NotFound);
    }

    private Task<HttpResponseMessage> PutAsync(string json, string ifMatch, string deviceId = "dev-1")
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/devices/{deviceId}/config") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return _operator.SendAsync(request);
    }
}
