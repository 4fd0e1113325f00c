using Microsoft.Playwright;
using NordicIoT.Cloud.Access;
using NordicIoT.Dashboard.Tests.Support;
using NordicIoT.Testing;
using static Microsoft.Playwright.Assertions;

namespace NordicIoT.Dashboard.Tests.Pages;

/// <summary>Two simulated devices (the real device library and its OTA agent) that take updates.</summary>
public sealed class TwoDeviceFleet : SimulatedFleet
{
    public TwoDeviceFleet()
        : base(2)
    {
    }
}

/// <summary>Firmware and rollouts from the browser: a signed release uploaded and rolled out until the simulated devices report SUCCEEDED.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FirmwarePageTests(BrowserFixture browser, TwoDeviceFleet fleet) : IClassFixture<TwoDeviceFleet>, IDisposable
{
    private readonly TempFolder _release = new("dashboard-release");

    [Fact]
    public async Task An_admin_uploads_a_signed_release_and_rolls_it_out_until_every_device_succeeded()
    {
        var files = SignedReleaseFolder.Write(_release.Path, fleet.ReleaseKey, "0.2.0", "simulator", ("app.pe", 120_000), ("lib.pe", 30_000));
        var page = await browser.NewPageAsync();
        await DashboardSession.OpenAsync(page, fleet.Server, await fleet.Server.KeyAsync(ApiRole.Admin), "#/firmware");

        await page.GetByLabel("Signed release files").SetInputFilesAsync(files);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload release" }).ClickAsync();
        await Expect(page.Locator(".upload-message")).ToContainTextAsync("Release 0.2.0 uploaded and its signature verified");
        var row = page.Locator("#release-table tbody tr").Filter(new() { HasText = "0.2.0" });
        await Expect(row).ToContainTextAsync("simulator");
        await Expect(row).ToContainTextAsync("verified");

        await page.GetByLabel("Release", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "0.2.0 (simulator)" });
        await page.GetByLabel("All devices").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start rollout" }).ClickAsync();

        var rollout = page.Locator("article.rollout").First;
        await Expect(rollout).ToContainTextAsync("0.2.0 → all devices");
        await Expect(rollout.Locator("tr[data-device-id='sim-1']")).ToHaveAttributeAsync("data-status", "SUCCEEDED", new() { Timeout = 120_000 });
        await Expect(rollout.Locator("tr[data-device-id='sim-2']")).ToHaveAttributeAsync("data-status", "SUCCEEDED", new() { Timeout = 60_000 });
        await Expect(rollout.Locator(".counts-text")).ToContainTextAsync("2 of 2 succeeded");
        await Screenshots.SaveAsync(page, "firmware-1280");

        await page.GotoAsync($"{fleet.Server.Url}/#/devices/sim-1");
        await Expect(page.Locator("#device-firmware")).ToHaveTextAsync("0.2.0");
        await Expect(page.Locator("#ota .ota-table")).ToContainTextAsync("SUCCEEDED");
    }

    [Fact]
    public async Task A_viewer_sees_releases_and_rollouts_but_no_upload_or_rollout_controls()
    {
        var page = await browser.NewPageAsync();
        await DashboardSession.OpenAsync(page, fleet.Server, await fleet.Server.KeyAsync(ApiRole.Viewer), "#/firmware");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Releases" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Signed release files")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start rollout" })).ToHaveCountAsync(0);
        await Expect(page.Locator("#releases .role-note")).ToContainTextAsync("admin role");
    }

    [Fact]
    public async Task An_unsigned_upload_is_refused_with_the_apis_reason()
    {
        var files = SignedReleaseFolder.Write(_release.Path, fleet.ReleaseKey, "0.3.0", "simulator", ("app.pe", 1000));
        File.WriteAllBytes(files.Single(f => f.EndsWith("manifest.sig", StringComparison.Ordinal)), new byte[64]);
        var page = await browser.NewPageAsync();
        await DashboardSession.OpenAsync(page, fleet.Server, await fleet.Server.KeyAsync(ApiRole.Admin), "#/firmware");

        await page.GetByLabel("Signed release files").SetInputFilesAsync(files);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload release" }).ClickAsync();

        await Expect(page.Locator(".upload-message")).ToContainTextAsync("Not uploaded:");
        await Expect(page.Locator(".upload-message")).ToContainTextAsync("signature");
        await Expect(page.Locator("#release-table tbody tr").Filter(new() { HasText = "0.3.0" })).ToHaveCountAsync(0);
    }

    public void Dispose() => _release.Dispose();
}
