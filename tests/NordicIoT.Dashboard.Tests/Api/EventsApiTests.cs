using System.Net;
using System.Text.Json;
using NordicIoT.Cloud.Access;
using NordicIoT.Dashboard.Tests.Support;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Dashboard.Tests.Api;

/// <summary>GET /api/events over real HTTP: the stream's events, per device and for the fleet, and its refusals.</summary>
public sealed class EventsApiTests : IAsyncLifetime
{
    private CloudServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await CloudServer.StartAsync();
        await _server.RegisterAsync(null, "dev-1", "dev-2");
        _client = _server.Http();
        _client.DefaultRequestHeaders.Authorization = new("Bearer", await _server.KeyAsync(ApiRole.Viewer));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_fleet_stream_says_ready_then_sends_changed_twins_as_summaries_and_stored_batches()
    {
        await using var stream = await EventStream.OpenAsync(_client, "/api/events");
        Assert.Equal("ready", (await stream.NextAsync()).Type);

        await _server.AcceptAsync("d/dev-2/s", DeviceMessages.State(r => r.FirmwareVersion = "3.1.0"));
        await _server.AcceptAsync("d/dev-2/b", DeviceMessages.Series(SensorKind.Temperature, (DateTimeOffset.UtcNow, 2137)));

        var twin = await stream.NextAsync("twin");
        Assert.Equal("dev-2", twin.Data.GetProperty("deviceId").GetString());
        Assert.Equal("3.1.0", twin.Data.GetProperty("firmwareVersion").GetString());
        Assert.False(twin.Data.TryGetProperty("reported", out _));
        var readings = await stream.NextAsync("readings");
        Assert.Equal(1, readings.Data.GetProperty("count").GetInt32());
        Assert.Equal("temperature", readings.Data.GetProperty("sensors")[0].GetString());
    }

    [Fact]
    public async Task A_device_stream_carries_only_that_device_with_its_full_twin()
    {
        await using var stream = await EventStream.OpenAsync(_client, "/api/events?deviceId=dev-1");
        await stream.NextAsync("ready");

        await _server.AcceptAsync("d/dev-2/s", DeviceMessages.State(r => r.FirmwareVersion = "9.9.9"));
        await _server.AcceptAsync("d/dev-1/s", DeviceMessages.State(r => r.Board = "ESP32_S3"));

        var twin = await stream.NextAsync("twin");
        Assert.Equal("dev-1", twin.Data.GetProperty("deviceId").GetString());
        Assert.Equal("ESP32_S3", twin.Data.GetProperty("reported").GetProperty("board").GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("/api/events?deviceId=nobody", HttpStatusCode.NotFound)]
    [InlineData("/api/events?deviceId=bad%20id", HttpStatusCode.BadRequest)]
    public async Task Unknown_or_invalid_devices_are_refused(string url, HttpStatusCode status)
    {
        Assert.Equal(status, (await _client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Without_a_key_the_stream_is_refused()
    {
        using var anonymous = _server.Http();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/events")).StatusCode);
    }
}
