using Microsoft.Playwright;
using NordicIoT.Cloud.Access;
using NordicIoT.Dashboard.Tests.Support;
using NordicIoT.Schemas.Messages;
using static Microsoft.Playwright.Assertions;

namespace NordicIoT.Dashboard.Tests.Pages;

/// <summary>The fleet table with devices fed through the real ingestion pipeline.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FleetPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Script = "<img src=x onerror=__x=1>";
    private CloudServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await CloudServer.StartAsync();
        await _server.RegisterAsync("greenhouse", "gh-1", "gh-2", "gh-3");
        await _server.RegisterAsync("field", "field-4");
        await _server.RegisterAsync(Script, "odd-1");
        await _server.RegisterAsync(null, "never-heard");
        var now = DateTimeOffset.UtcNow;
        await _server.AcceptAsync("d/gh-1/s", DeviceMessages.State(r => { r.FirmwareVersion = "1.4.2"; r.Board = "ESP32_S3"; r.BufferFill = 12; }));
        await _server.AcceptAsync("d/gh-1/b", DeviceMessages.Series(SensorKind.Battery, (now.AddMinutes(-1), 3712)));
        await _server.AcceptAsync("d/gh-1/b", DeviceMessages.Series(SensorKind.Signal, (now.AddMinutes(-1), -71)));
        await _server.AcceptAsync("d/gh-2/s", DeviceMessages.State(r => { r.FirmwareVersion = "1.3.0"; r.Board = "ESP32_C3"; r.BufferFill = 0; }));
        await _server.AcceptAsync("d/gh-2/b", DeviceMessages.Series(SensorKind.Battery, (now.AddMinutes(-2), 3954)));
        // Silent for 40 min with the default 15 min uplink: stale; for 3 h: offline.
        await _server.AcceptAsync("d/gh-3/s", DeviceMessages.State(r => { r.FirmwareVersion = "1.4.2"; r.Board = "ESP32_S3"; r.BufferFill = 37; }, now.AddMinutes(-40)), now.AddMinutes(-40));
        await _server.AcceptAsync("d/field-4/s", DeviceMessages.State(r => { r.FirmwareVersion = "1.2.9"; r.Board = "SIM7080_ESP32"; r.BufferFill = 88; }, now.AddHours(-3)), now.AddHours(-3));
        await _server.AcceptAsync("d/field-4/b", DeviceMessages.Series(SensorKind.Battery, (now.AddHours(-3), 3405)), now.AddHours(-3));
        await _server.AcceptAsync("d/odd-1/s", DeviceMessages.State(r => { r.FirmwareVersion = Script; r.Board = "<b>bold</b>"; }));
        using var admin = _server.Http();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await _server.KeyAsync(ApiRole.Admin));
        var change = new HttpRequestMessage(HttpMethod.Put, "/api/devices/gh-2/config") { Content = System.Net.Http.Json.JsonContent.Create(new { uplinkInterval = 600 }) };
        change.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        (await admin.SendAsync(change)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_table_lists_every_device_with_its_reported_values_and_counts_on_top()
    {
        var page = await browser.NewPageAsync();
        await DashboardSession.SignInAsync(page, _server, await _server.KeyAsync(ApiRole.Viewer));

        var row = page.Locator("#fleet-table tbody tr[data-device-id='gh-1']");
        await Expect(row).ToContainTextAsync("1.4.2");
        await Expect(row).ToContainTextAsync("ESP32_S3");
        await Expect(row).ToContainTextAsync("3.712 V");
        await Expect(row).ToContainTextAsync("-71 dBm");
        await Expect(row).ToContainTextAsync("12 %");
        await Expect(row).ToContainTextAsync("online");
        await Expect(row).ToContainTextAsync("just now");
        await Expect(page.Locator("#fleet-table tbody tr")).ToHaveCountAsync(6);
        await Expect(page.Locator("#fleet-table tbody tr[data-device-id='gh-3']")).ToContainTextAsync("stale");
        await Expect(page.Locator("#fleet-table tbody tr[data-device-id='gh-3']")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"4\d min ago"));
        await Expect(page.Locator("#fleet-table tbody tr[data-device-id='never-heard']")).ToContainTextAsync("offline");
        await Expect(page.Locator("#fleet-table tbody tr[data-device-id='gh-2']")).ToContainTextAsync("pending");
        await Expect(page.Locator("[data-count='total'] dd")).ToHaveTextAsync("6");
        await Expect(page.Locator("[data-count='online'] dd")).ToHaveTextAsync("3");
        await Expect(page.Locator("[data-count='stale'] dd")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-count='offline'] dd")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-count='pending'] dd")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task Search_filter_and_sort_narrow_and_order_the_rows()
    {
        var page = await browser.NewPageAsync();
        await DashboardSession.SignInAsync(page, _server, await _server.KeyAsync(ApiRole.Viewer));
        await Expect(page.Locator("#fleet-table tbody tr")).ToHaveCountAsync(6);

        await page.GetByLabel("Search").FillAsync("1.3");
        await Expect(page.Locator("#fleet-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#fleet-table tbody tr")).ToHaveAttributeAsync("data-device-id", "gh-2");

        await page.GetByLabel("Search").FillAsync("");
        await page.GetByLabel("Status").SelectOptionAsync("offline");
        await Expect(page.Locator("#fleet-table tbody tr")).ToHaveCountAsync(2);
        await page.GetByLabel("Status").SelectOptionAsync("");
        await page.GetByLabel("Config").SelectOptionAsync("pending");
        await Expect(page.Locator("#fleet-table tbody tr")).ToHaveCountAsync(1);
        await page.GetByLabel("Config").SelectOptionAsync("");

        await page.GetByRole(AriaRole.Button, new() { Name = "Device" }).ClickAsync();
        await Expect(page.Locator("#fleet-table th[data-key='deviceId']")).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(page.Locator("#fleet-table tbody tr").First).ToHaveAttributeAsync("data-device-id", "odd-1");
    }

    [Fact]
    public async Task Markup_in_device_strings_and_group_names_renders_as_text()
    {
        var page = await browser.NewPageAsync();
        await DashboardSession.SignInAsync(page, _server, await _server.KeyAsync(ApiRole.Viewer));

        var row = page.Locator("#fleet-table tbody tr[data-device-id='odd-1']");
        await Expect(row).ToContainTextAsync(Script);
        await Expect(row).ToContainTextAsync("<b>bold</b>");
        Assert.Equal(0, await row.Locator("img, b").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("window.__x"));
    }

    [Fact]
    public async Task A_device_reporting_while_the_page_is_open_appears_in_its_row_without_reload()
    {
        var page = await browser.NewPageAsync();
        await DashboardSession.SignInAsync(page, _server, await _server.KeyAsync(ApiRole.Viewer));
        await Expect(page.Locator("#live-state")).ToHaveTextAsync("Live");

        await _server.AcceptAsync("d/never-heard/s", DeviceMessages.State(r => r.FirmwareVersion = "2.0.0-rc1"));

        var row = page.Locator("#fleet-table tbody tr[data-device-id='never-heard']");
        await Expect(row).ToContainTextAsync("2.0.0-rc1");
        await Expect(row).ToContainTextAsync("online");
        await Expect(page.Locator("[data-count='online'] dd")).ToHaveTextAsync("4");
        await Expect(page.Locator("[data-count='offline'] dd")).ToHaveTextAsync("1");
    }

    [Theory]
    [InlineData(1280, 900, "fleet-1280")]
    [InlineData(390, 844, "fleet-390")]
    public async Task The_page_fits_wide_and_phone_screens(int width, int height, string screenshot)
    {
        var page = await browser.NewPageAsync(width, height);
        await DashboardSession.SignInAsync(page, _server, await _server.KeyAsync(ApiRole.Viewer));
        await Expect(page.Locator("#fleet-table tbody tr")).ToHaveCountAsync(6);

        await Layout.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, screenshot);
    }
}
