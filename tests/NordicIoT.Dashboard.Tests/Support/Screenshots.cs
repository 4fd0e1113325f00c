using Microsoft.Playwright;

namespace NordicIoT.Dashboard.Tests.Support;

/// <summary>Saves screenshots as test artifacts under artifacts/screenshots/ at the repository root.</summary>
public static class Screenshots
{
    /// <summary>The folder.</summary>
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    /// <summary>Saves a full-page PNG named <paramref name="name"/>.png and returns its path.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>The folder holding NordicIoT.sln, above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "NordicIoT.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No NordicIoT.sln above {AppContext.BaseDirectory}.");
    }
}
