using Microsoft.Playwright;
using NordicIoT.Cloud.Access;
using NordicIoT.Dashboard.Tests.Support;
using NordicIoT.Schemas.Messages;
using NordicIoT.Testing;
using static Microsoft.Playwright.Assertions;

namespace NordicIoT.Dashboard.Tests.Pages;

/// <summary>The device page against the cloud app bridged to a real Mosquitto: a day of history, a GPS track, and readings published over MQTT while the page is open.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DevicePageTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Markup = "<img src=x onerror=__x=1>";
    private readonly TestBroker _broker = TestBroker.Start();
    private CloudServer _server = null!;
    private MqttDevice _device = null!;
    private string _viewer = null!;

    public async Task InitializeAsync()
    {
        _server = await CloudServer.StartAsync(_broker);
        await _server.RegisterAsync("field", "tracker-7");
        _viewer = await _server.KeyAsync(ApiRole.Viewer);
        var now = DateTimeOffset.UtcNow;
        var day = Enumerable.Range(0, 720).Select(i => now.AddMinutes(-2 * (720 - i))).ToArray();
        await _server.AcceptAsync("d/tracker-7/b", DeviceMessages.Series(SensorKind.Temperature, [.. day.Select((t, i) => (t, 1800 + (int)(400 * Math.Sin(i / 100.0)) + ((i * 37) % 61) - 30))]));
        await _server.AcceptAsync("d/tracker-7/b", DeviceMessages.Series(SensorKind.Humidity, [.. day.Select((t, i) => (t, 5200 - (i * 2) + ((i * 53) % 41) - 20))]));
        await _server.AcceptAsync("d/tracker-7/b", DeviceMessages.Series(SensorKind.Battery, [.. day.Select((t, i) => (t, 4100 - (i / 3)))]));
        await _server.AcceptAsync("d/tracker-7/b", DeviceMessages.Batch(SensorKind.Gps,
            [.. day.Where((_, i) => i % 20 == 0).Select((t, i) => (t, new[] { 59_329_300 + (i * 900), 18_068_600 + (int)(3000 * Math.Sin(i / 5.0)), 50, 120, 140, 900 }))]));
        await _server.AcceptAsync("d/tracker-7/s", DeviceMessages.State(r =>
        {
            r.FirmwareVersion = Markup;
            r.Board = "ESP32_C3";
            r.BufferFill = 3;
            r.Uptime = 86_400;
            r.SetConfigRejection(1, Markup);
        }));
        _device = await MqttDevice.ConnectAsync(_broker, "tracker-7");
    }

    public async Task DisposeAsync()
    {
        await _device.DisposeAsync();
        await _server.DisposeAsync();
        _broker.Dispose();
    }

    [Fact]
    public async Task Latest_values_show_with_units_and_how_long_ago_they_were_taken()
    {
        var page = await OpenAsync();

        var temperature = page.Locator(".latest-card[data-sensor='temperature']");
        await Expect(temperature).ToContainTextAsync("Temperature");
        await Expect(temperature.Locator(".reading")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d\d °C$"));
        await Expect(temperature).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"· [12] min ago$"));
        await Expect(page.Locator(".latest-card[data-sensor='battery'] .reading")).ToHaveTextAsync("3.861 V");
        await Expect(page.Locator(".latest-card[data-sensor='gps'] .reading")).ToContainTextAsync("±5.0 m");
    }

    [Fact]
    public async Task A_reading_published_over_mqtt_appears_on_the_open_page_without_a_reload()
    {
        var page = await OpenAsync();
        await Expect(page.Locator("#live-state")).ToHaveTextAsync("Live");
        await page.EvaluateAsync("window.__samePage = true");

        await _device.PublishAsync("b", DeviceMessages.Series(SensorKind.Temperature, (DateTimeOffset.UtcNow, 2468)));

        await Expect(page.Locator(".latest-card[data-sensor='temperature'] .reading")).ToHaveTextAsync("24.68 °C");
        await Expect(page.Locator(".latest-card[data-sensor='temperature']")).ToContainTextAsync("just now");
        Assert.True(await page.EvaluateAsync<bool>("window.__samePage === true"));
    }

    [Fact]
    public async Task Without_the_event_stream_the_page_polls_and_still_shows_new_readings()
    {
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/api/events**", route => route.AbortAsync());
        await DashboardSession.OpenAsync(page, _server, _viewer, "#/devices/tracker-7");
        await Expect(page.Locator("#live-state")).ToHaveTextAsync("Updating every 5 s");

        await _device.PublishAsync("b", DeviceMessages.Series(SensorKind.Humidity, (DateTimeOffset.UtcNow, 6123)));

        await Expect(page.Locator(".latest-card[data-sensor='humidity'] .reading")).ToHaveTextAsync("61.23 % RH");
    }

    [Fact]
    public async Task History_has_a_min_avg_max_chart_per_sensor_and_the_gps_track_is_drawn_without_tiles()
    {
        var page = await OpenAsync();

        foreach (var sensor in new[] { "temperature", "humidity", "battery" })
        {
            var chart = page.Locator($"#history figure[data-sensor='{sensor}']");
            await Expect(chart.Locator("path.band")).Not.ToHaveCountAsync(0);
            await Expect(chart.Locator("path.avg")).Not.ToHaveCountAsync(0);
        }

        await Expect(page.Locator("#gps path.track-line")).ToHaveCountAsync(1);
        await Expect(page.Locator("#gps svg")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("Track of 3[56] positions"));

        var chartSvg = page.Locator("#history figure[data-sensor='temperature'] svg");
        await chartSvg.FocusAsync();
        await page.Keyboard.PressAsync("End");
        await Expect(page.Locator("#history figure[data-sensor='temperature'] .chart-readout")).ToContainTextAsync("avg");

        await page.GetByText("Last hour").ClickAsync();
        await Expect(page.Locator("#history figure[data-sensor='temperature'] path.band, #history figure[data-sensor='temperature'] line.band-single")).Not.ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Markup_from_the_device_renders_as_text_in_firmware_and_config_rejection()
    {
        var page = await OpenAsync();

        await Expect(page.Locator("#device-firmware")).ToHaveTextAsync(Markup);
        await Expect(page.Locator("#config .rejection")).ToContainTextAsync(Markup);
        await Expect(page.Locator("#state")).ToContainTextAsync(Markup);
        Assert.Equal(0, await page.Locator("main img").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("window.__x"));
    }

    [Fact]
    public async Task Markup_in_a_dead_letters_topic_and_detail_renders_as_text()
    {
        // Ingestion writes its own details and keeps only topics it could parse, so the hostile list comes from a stand-in answer.
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/api/dead-letters**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "application/json",
            Body = System.Text.Json.JsonSerializer.Serialize(new
            {
                deadLetters = new[]
                {
                    new { id = "1", receivedAt = DateTimeOffset.UtcNow, topic = $"d/tracker-7/{Markup}", deviceId = "tracker-7", reason = "malformed", detail = Markup, payloadHex = "a0", payloadLength = 1 },
                },
                total = 1,
            }, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)),
        }));
        await DashboardSession.OpenAsync(page, _server, _viewer, "#/devices/tracker-7");

        await Expect(page.Locator("#dead-letters td.detail")).ToHaveTextAsync(Markup);
        await Expect(page.Locator("#dead-letters")).ToContainTextAsync($"d/tracker-7/{Markup}");
        Assert.Equal(0, await page.Locator("main img").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("window.__x"));
    }

    [Theory]
    [InlineData(1280, 900, "device-1280")]
    [InlineData(390, 844, "device-390")]
    public async Task The_page_fits_wide_and_phone_screens(int width, int height, string screenshot)
    {
        var page = await OpenAsync(width, height);
        await Expect(page.Locator("#gps path.track-line")).ToHaveCountAsync(1);

        await Layout.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, screenshot);
    }

    private async Task<IPage> OpenAsync(int width = 1280, int height = 900)
    {
        var page = await browser.NewPageAsync(width, height);
        await DashboardSession.OpenAsync(page, _server, _viewer, "#/devices/tracker-7");
        await Expect(page.Locator(".latest-card[data-sensor='temperature']")).ToBeVisibleAsync();
        return page;
    }
}
