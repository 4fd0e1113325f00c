using Microsoft.Extensions.FileProviders;

namespace NordicIoT.Cloud.Dashboard;

/// <summary>Serves the dashboard (HTML, CSS, ES modules from wwwroot, embedded in this assembly) at the site root.</summary>
/// <remarks>
/// Embedded rather than copied beside the app, so every host of the app (the cloud app itself, `nordiciot up`, the
/// Lambda package, tests) serves the same files with nothing to deploy next to it. The files are not fingerprinted,
/// so browsers revalidate them (ETag / Last-Modified, 304). The content security policy allows scripts, styles and
/// connections from this origin only: no inline script runs, so text that slipped into the page could not execute.
/// </remarks>
public static class DashboardAssets
{
    /// <summary>The manifest resource prefix of the files (the SDK names embedded files by root namespace and folder).</summary>
    public const string ResourcePrefix = "NordicIoT.Cloud.wwwroot";

    /// <summary>The policy every dashboard file is served with.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The embedded files.</summary>
    public static IFileProvider Files { get; } = new EmbeddedFileProvider(typeof(DashboardAssets).Assembly, ResourcePrefix);

    /// <summary>Serves index.html at / and the other files by their path.</summary>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = Files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.CacheControl = "no-cache";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
        return app;
    }
}
