using System.Net;
using System.Text.Json;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Tests.Support;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Tests.Api;

/// <summary>GET/POST /api/devices and GET /api/devices/{id}.</summary>
public sealed class DevicesApiTests : ApiTest
{
    [Fact]
    public async Task Admin_registers_a_device_which_starts_at_version_1_offline()
    {
        using var admin = await App.ClientAsync(ApiRole.Admin);

        var response = await PostAsync(admin, "/api/devices", new { deviceId = "dev-1", group = "north" });

        var twin = await JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("/api/devices/dev-1", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(("dev-1", "north", 1, "offline", "default"), (
            twin.GetProperty("deviceId").GetString(), twin.GetProperty("group").GetString(), twin.GetProperty("version").GetInt32(),
            twin.GetProperty("status").GetString(), twin.GetProperty("configState").GetString()));
    }

    [Fact]
    public async Task Registering_twice_is_a_conflict()
    {
        await App.RegisterAsync("dev-1");
        using var admin = await App.ClientAsync(ApiRole.Admin);

        var problem = await ProblemAsync(await PostAsync(admin, "/api/devices", new { deviceId = "dev-1" }), HttpStatusCode.Conflict);

        Assert.Contains("dev-1", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Registration_validates_id_and_group()
    {
        using var admin = await App.ClientAsync(ApiRole.Admin);

        var problem = await ProblemAsync(await PostAsync(admin, "/api/devices", new { deviceId = "bad/id", group = " " }), HttpStatusCode.BadRequest);

        Assert.Equal(["deviceId", "group"], InvalidFields(problem));
    }

    [Fact]
    public async Task Operator_cannot_register_devices()
    {
        using var @operator = await App.ClientAsync(ApiRole.Operator);

        var problem = await ProblemAsync(await PostAsync(@operator, "/api/devices", new { deviceId = "dev-1" }), HttpStatusCode.Forbidden);

        Assert.Equal("This needs the admin role; the API key has operator.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task List_pages_through_the_fleet_with_continuation_tokens()
    {
        string[] ids = ["a1", "a2", "a3", "b1", "b2", "b3", "c1"];
        await App.RegisterAsync(ids);
        using var viewer = await App.ClientAsync(ApiRole.Viewer);

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await GetJsonAsync(viewer, "/api/devices?pageSize=3" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            seen.AddRange(page.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("deviceId").GetString()!));
            token = page.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null);

        Assert.Equal(ids, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task List_filters_by_id_substring_ignoring_case_and_by_group()
    {
        await App.RegisterInGroupAsync("north", "Tromso-1", "tromso-2", "oslo-1");
        await App.RegisterInGroupAsync("south", "TROMSO-3");
        using var viewer = await App.ClientAsync(ApiRole.Viewer);

        Assert.Equal(["TROMSO-3", "Tromso-1", "tromso-2"], Ids(await GetJsonAsync(viewer, "/api/devices?search=tromso")));
        Assert.Equal(["Tromso-1", "tromso-2"], Ids(await GetJsonAsync(viewer, "/api/devices?search=ROMS&group=north")));
    }

    [Fact]
    public async Task List_sorts_by_last_seen_and_by_staleness()
    {
        await App.RegisterAsync("early", "late", "never");
        await App.IngestAsync("d/early/s", Wire.State(r => r.Uptime = 1), Now.AddHours(-2));
        await App.IngestAsync("d/late/s", Wire.State(r => r.Uptime = 1), Now.AddMinutes(-1));
        using var viewer = await App.ClientAsync(ApiRole.Viewer);

        Assert.Equal(["late", "early", "never"], Ids(await GetJsonAsync(viewer, "/api/devices?sort=lastSeen")));
        Assert.Equal(["never", "early", "late"], Ids(await GetJsonAsync(viewer, "/api/devices?sort=stale")));
    }

    [Theory]
    [InlineData("sort=newest", "sort")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("continuationToken=garbage", "continuationToken")]
    public async Task Bad_list_queries_are_validation_problems(string query, string field)
    {
        using var viewer = await App.ClientAsync(ApiRole.Viewer);

        var problem = await ProblemAsync(await viewer.GetAsync("/api/devices?" + query), HttpStatusCode.BadRequest);

        Assert.Equal([field], InvalidFields(problem));
    }

    [Fact]
    public async Task Twin_shows_reported_fields_with_device_times_latest_values_in_units_and_an_etag()
    {
        await App.RegisterAsync("dev-1");
        var reportedAt = Now.AddMinutes(-3);
        await App.IngestAsync("d/dev-1/s", Wire.State(r =>
        {
            r.Time = Wire.Seconds(reportedAt);
            r.FirmwareVersion = "1.4.2";
            r.FreeHeap = 81234;
        }));
        await App.IngestAsync("d/dev-1/b", Wire.Batch(
            new TestReading(SensorKind.Temperature, Wire.Seconds(Now.AddMinutes(-2)), 2137),
            new TestReading(SensorKind.Battery, Wire.Seconds(Now.AddMinutes(-2)), 3712),
            new TestReading(SensorKind.Gps, Wire.Seconds(Now.AddMinutes(-2)), 63430588, 10414394, 171, 2216, 32, 1800)));
        using var viewer = await App.ClientAsync(ApiRole.Viewer);

        var response = await viewer.GetAsync("/api/devices/dev-1");
        var twin = await JsonAsync(response);

        Assert.Equal($"\"{twin.GetProperty("version").GetInt64()}\"", response.Headers.ETag?.Tag);
        Assert.Equal(3, twin.GetProperty("version").GetInt64());
        var firmware = twin.GetProperty("reported").GetProperty("firmwareVersion");
        Assert.Equal(("1.4.2", reportedAt), (firmware.GetProperty("value").GetString(), firmware.GetProperty("reportedAt").GetDateTimeOffset()));
        Assert.Equal(81234, twin.GetProperty("reported").GetProperty("freeHeap").GetProperty("value").GetInt32());
        Assert.Equal("""[{"name":"temperature","value":21.37,"unit":"Cel"}]""", Values(twin, "temperature"));
        Assert.Equal("""[{"name":"battery","value":3.712,"unit":"V"}]""", Values(twin, "battery"));
        Assert.Equal(
            """[{"name":"latitude","value":63.430588,"unit":"lat"},{"name":"longitude","value":10.414394,"unit":"lon"},{"name":"accuracy","value":17.1,"unit":"m"},{"name":"altitude","value":221.6,"unit":"m"},{"name":"speed","value":0.32,"unit":"m/s"},{"name":"heading","value":180,"unit":"deg"}]""",
            Values(twin, "gps"));
        Assert.Equal((Now, "online"), (twin.GetProperty("lastSeen").GetDateTimeOffset(), twin.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData(0, "online")]
    [InlineData(30 * 60 + 60, "online")]
    [InlineData(30 * 60 + 61, "stale")]
    [InlineData(90 * 60, "stale")]
    [InlineData(90 * 60 + 1, "offline")]
    public async Task Status_follows_silence_measured_in_the_default_15_minute_uplink_interval(int silentSeconds, string status)
    {
        await App.RegisterAsync("dev-1");
        await App.IngestAsync("d/dev-1/s", Wire.State(r => r.Uptime = 1));
        App.Clock.Now = Now.AddSeconds(silentSeconds);
        using var viewer = await App.ClientAsync(ApiRole.Viewer);

        Assert.Equal(status, (await GetJsonAsync(viewer, "/api/devices/dev-1")).GetProperty("status").GetString());
        Assert.Equal(status, (await GetJsonAsync(viewer, "/api/devices")).GetProperty("devices")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unknown_device_is_a_404_problem()
    {
        using var viewer = await App.ClientAsync(ApiRole.Viewer);

        var problem = await ProblemAsync(await viewer.GetAsync("/api/devices/nobody"), HttpStatusCode.NotFound);

        Assert.Equal("No device 'nobody' is registered.", problem.GetProperty("detail").GetString());
    }

    private static string[] Ids(JsonElement page) =>
        [.. page.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("deviceId").GetString()!)];

    private static string Values(JsonElement twin, string sensor) =>
        twin.GetProperty("latest").GetProperty(sensor).GetProperty("values").GetRawText();
}
