using Microsoft.Playwright;

namespace NordicIoT.Dashboard.Tests.Support;

/// <summary>One headless Debian chromium for every browser test (each test opens its own context: its own cookies).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium; Playwright's driver ships in the package, so nothing is downloaded.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: run build/install-deps.sh (apt-get install chromium).");
        // Generous: the machine may be busy; these limits catch hangs, they do not measure speed.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new page at <paramref name="width"/> × <paramref name="height"/> CSS pixels, in a context of its own; the pages opened before are closed (tests run one at a time, one page each).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        foreach (var open in Browser.Contexts.ToList())
        {
            await open.CloseAsync();
        }

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            ColorScheme = ColorScheme.Light,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => PageErrors.Add(error);
        return page;
    }

    /// <summary>Uncaught script errors of every page opened so far.</summary>
    public List<string> PageErrors { get; } = [];

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>The browser tests share one chromium and run one at a time (they are heavy; two cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
