using Microsoft.Playwright;

namespace NordicIoT.Dashboard.Tests.Support;

/// <summary>Checks that a page fits its screen width.</summary>
public static class Layout
{
    // Elements reaching past the right edge, outside any sideways-scrolling region (those may be wider by design).
    private const string Overflowing = """
        () => [...document.querySelectorAll('body *')]
          .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > window.innerWidth + 0.5)
          .slice(0, 5)
          .map(e => `${e.tagName.toLowerCase()}.${e.className?.baseVal ?? e.className} (${Math.round(e.getBoundingClientRect().right)} px)`)
        """;

    /// <summary>Fails naming the first elements that stick out, when the page is wider than the viewport.</summary>
    public static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        if (overflow > 0)
        {
            var culprits = await page.EvaluateAsync<string[]>(Overflowing);
            Assert.Fail($"the page is {overflow} px wider than the screen ({page.ViewportSize?.Width} px): {string.Join(", ", culprits)}");
        }
    }
}
