using Microsoft.Playwright;
using NordicIoT.Cloud.Access;
using NordicIoT.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace NordicIoT.Dashboard.Tests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class LoginTests(BrowserFixture browser) : IAsyncLifetime
{
    private CloudServer _server = null!;

    public async Task InitializeAsync() => _server = await CloudServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_bad_key_is_refused_with_a_message_saying_why_and_the_page_stays_on_sign_in()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(_server.Url);

        await page.GetByLabel("API key").FillAsync("nio_notakey.wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("API key not accepted");
        await Expect(alert).ToContainTextAsync("not known");
        await Expect(page.GetByLabel("API key")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to NordicIoT" })).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "nordiciot_session");
    }

    [Fact]
    public async Task A_good_key_opens_the_fleet_and_the_cookie_is_out_of_reach_of_scripts()
    {
        var page = await browser.NewPageAsync();
        await DashboardSession.SignInAsync(page, _server, await _server.KeyAsync(ApiRole.Viewer));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#who")).ToContainTextAsync("viewer");
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "nordiciot_session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("", await page.EvaluateAsync<string>("document.cookie"));
    }

    [Fact]
    public async Task Sign_in_and_sorting_work_with_the_keyboard_alone()
    {
        await _server.RegisterAsync(null, "a-1", "b-2");
        var page = await browser.NewPageAsync();
        await page.GotoAsync(_server.Url);

        // The key field has focus on arrival; Enter submits.
        await Expect(page.GetByLabel("API key")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(await _server.KeyAsync(ApiRole.Viewer));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet", Exact = true })).ToBeFocusedAsync();
        await Expect(page.Locator("#fleet-table tbody tr")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Device" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#fleet-table tbody tr").First).ToHaveAttributeAsync("data-device-id", "b-2");
        await page.Locator("#fleet-table tbody tr").First.GetByRole(AriaRole.Link).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "b-2" })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Signing_out_returns_to_sign_in_and_the_fleet_then_asks_for_a_key_again()
    {
        var page = await browser.NewPageAsync();
        await DashboardSession.SignInAsync(page, _server, await _server.KeyAsync(ApiRole.Viewer));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
        await page.GotoAsync($"{_server.Url}/#/fleet");

        await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
    }
}
