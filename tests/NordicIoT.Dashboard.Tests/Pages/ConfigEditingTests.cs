using Microsoft.Playwright;
using NordicIoT.Cloud.Access;
using NordicIoT.Dashboard.Tests.Support;
using NordicIoT.Device.Host.Simulation;
using static Microsoft.Playwright.Assertions;

namespace NordicIoT.Dashboard.Tests.Pages;

/// <summary>The configuration editor against a simulated device (the real device library) that applies what the cloud publishes.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConfigEditingTests(BrowserFixture browser, SimulatedFleet fleet) : IClassFixture<SimulatedFleet>
{
    [Fact]
    public async Task An_operators_change_is_pending_until_the_device_reports_it_and_then_applied()
    {
        var page = await OpenAsync(ApiRole.Operator);
        await Expect(page.Locator("#config .config-state")).ToHaveAttributeAsync("data-state", "default");

        // Keep the device away so the pending state lasts long enough to be seen.
        fleet.Fleet.Conditions.Begin(FaultKind.NetworkOutage);
        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(fleet.Fleet.Snapshot().Connected == 0), "the device did not lose its connection");
            await page.GetByLabel("Uplink interval (s)").FillAsync("600");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and send to device" }).ClickAsync();

            await Expect(page.Locator("#config .config-state")).ToHaveAttributeAsync("data-state", "pending");
            await Expect(page.Locator("#config .config-state")).ToContainTextAsync("Pending until the device reports it");
        }
        finally
        {
            fleet.Fleet.Conditions.End(FaultKind.NetworkOutage);
        }

        await Expect(page.Locator("#config .config-state")).ToHaveAttributeAsync("data-state", "applied", new() { Timeout = 60_000 });
        await Expect(page.Locator("#config .reported-version")).ToContainTextAsync("1");
        await Expect(page.GetByLabel("Uplink interval (s)")).ToHaveValueAsync("600");
    }

    [Fact]
    public async Task A_value_the_api_refuses_shows_its_message_beside_the_field_and_nothing_is_saved()
    {
        var page = await OpenAsync(ApiRole.Operator);
        var version = await page.Locator("#config h3").First.TextContentAsync();

        await page.GetByLabel("Temperature low threshold, °C").FillAsync("30");
        await page.GetByLabel("Temperature high threshold, °C").FillAsync("10");
        await page.GetByLabel("Largest batch (bytes)").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and send to device" }).ClickAsync();

        var summary = page.Locator("#config .error-summary");
        await Expect(summary).ToContainTextAsync("some settings are not valid");
        await Expect(summary).ToContainTextAsync("Temperature threshold: low must not be above high");
        await Expect(page.GetByLabel("Largest batch (bytes)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#config .field-error").First).ToContainTextAsync("must be a whole number of bytes from 64 to 8192");
        await Expect(page.Locator("#config h3").First).ToHaveTextAsync(version!);
    }

    [Fact]
    public async Task A_viewer_sees_the_configuration_but_cannot_change_it()
    {
        var page = await OpenAsync(ApiRole.Viewer);

        await Expect(page.GetByLabel("Uplink interval (s)")).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save and send to device" })).ToHaveCountAsync(0);
        await Expect(page.Locator("#config .role-note")).ToContainTextAsync("viewer role");
    }

    private async Task<IPage> OpenAsync(ApiRole role)
    {
        var page = await browser.NewPageAsync();
        await DashboardSession.OpenAsync(page, fleet.Server, await fleet.Server.KeyAsync(role), "#/devices/sim-1");
        await Expect(page.GetByLabel("Uplink interval (s)")).ToBeVisibleAsync();
        return page;
    }
}
