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
        await _server.RegisterAsync("greenhouse", "gh-1", "gh-2");
        await _server.RegisterAsync(Script, "odd-1");
        await _server.RegisterAsync(null, "never-heard");
        var now = DateTimeOffset.UtcNow;
        await _server.AcceptAsync("d/gh-1/s", DeviceMessages.State(r => { r.FirmwareVersion = "1.4.2"; r.Board = "ESP32_S3"; r.BufferFill = 12; }));
        await _server.AcceptAsync("d/gh-1/b", DeviceMessages.Series(SensorKind.Battery, (now.AddMinutes(-1), 3712)));
        await _server.AcceptAsync("d/gh-1/b", DeviceMessages.Series(SensorKind.Signal, (now.AddMinutes(-1), -71)));
        await _server.AcceptAsync("d/gh-2/s", DeviceMessages.State(r => r.FirmwareVersion = "1.3.0"));
        await _server.AcceptAsync("d/odd-1/s", DeviceMessages.State(r => { r.FirmwareVersion = Script; r.Board = "<b>bold</b>"; }));
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
        await Expect(page.Locator("#fleet-table tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("#fleet-table tbody tr[data-device-id='never-heard']")).ToContainTextAsync("offline");
        await Expect(page.Locator("[data-count='total'] dd")).ToHaveTextAsync("4");
        await Expect(page.Locator("[data-count='online'] dd")).ToHaveTextAsync("3");
        await Expect(page.Locator("[data-count='offline'] dd")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task Search_filter_and_sort_narrow_and_order_the_rows()
    {
        var page = await browser.NewPageAsync();
        await DashboardSession.SignInAsync(page, _server, await _server.KeyAsync(ApiRole.Viewer));
        await Expect(page.Locator("#fleet-table tbody tr")).ToHaveCountAsync(4);

        await page.GetByLabel("Search").FillAsync("1.3");
        await Expect(page.Locator("#fleet-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#fleet-table tbody tr")).ToHaveAttributeAsync("data-device-id", "gh-2");

        await page.GetByLabel("Search").FillAsync("");
        await page.GetByLabel("Status").SelectOptionAsync("offline");
        await Expect(page.Locator("#fleet-table tbody tr")).ToHaveCountAsync(1);
        await page.GetByLabel("Status").SelectOptionAsync("");

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
    }

    [Theory]
    [InlineData(1280, 900, "fleet-1280")]
    [InlineData(390, 844, "fleet-390")]
    public async Task The_page_fits_wide_and_phone_screens(int width, int height, string screenshot)
    {
        var page = await browser.NewPageAsync(width, height);
        await DashboardSession.SignInAsync(page, _server, await _server.KeyAsync(ApiRole.Viewer));
        await Expect(page.Locator("#fleet-table tbody tr")).ToHaveCountAsync(4);

        await Layout.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, screenshot);
    }
}
