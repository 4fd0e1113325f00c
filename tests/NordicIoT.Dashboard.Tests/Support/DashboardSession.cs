using Microsoft.Playwright;

namespace NordicIoT.Dashboard.Tests.Support;

/// <summary>What the tests do on the dashboard, in the words of its pages.</summary>
public static class DashboardSession
{
    /// <summary>Opens the login page and signs in with <paramref name="key"/>.</summary>
    public static async Task SignInAsync(IPage page, CloudServer server, string key)
    {
        await page.GotoAsync($"{server.Url}/#/login");
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Signs in and opens <paramref name="route"/> (e.g. "#/devices/dev-1").</summary>
    public static async Task OpenAsync(IPage page, CloudServer server, string key, string route)
    {
        await SignInAsync(page, server, key);
        await page.GotoAsync($"{server.Url}/{route}");
    }
}
