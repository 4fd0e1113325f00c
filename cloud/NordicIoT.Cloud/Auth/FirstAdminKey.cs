using Microsoft.Extensions.Options;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Storage;

namespace NordicIoT.Cloud.Auth;

/// <summary>On first run (no API key stored) creates an admin key, prints it once to the log and writes it to the data folder with mode 0600, so `nordiciot up` can show it.</summary>
/// <remarks>Two processes starting together on an empty store may each create one; both keys work and either can revoke the other.</remarks>
public sealed partial class FirstAdminKey(
    ICloudStorage storage, DataFolder folder, IOptions<AuthOptions> options, TimeProvider time, ILogger<FirstAdminKey> logger) : IHostedService
{
    /// <summary>The file name in the data folder.</summary>
    public const string FileName = "admin-api-key";

    /// <summary>The name the key is stored under.</summary>
    public const string KeyName = "first admin key";

    /// <summary>Full path of the key file.</summary>
    public string FilePath => Path.Combine(folder.Path, FileName);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateFirstAdminKey || (await storage.ApiKeys.ListAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return;
        }

        var (key, record) = ApiKeys.Create(KeyName, ApiRole.Admin, time.GetUtcNow());
        folder.Create();
        await WriteOwnerOnlyAsync(FilePath, key + "\n", cancellationToken).ConfigureAwait(false);
        await storage.ApiKeys.AddAsync(record, cancellationToken).ConfigureAwait(false);
        LogCreated(key, FilePath);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task WriteOwnerOnlyAsync(string path, string text, CancellationToken cancellationToken)
    {
        // Created with 0600 (not chmod afterwards) so the key is never readable by others, even briefly.
        var stream = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            stream.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, stream);
        if (!OperatingSystem.IsWindows())
        {
            // An existing file keeps its old mode on open; make sure it is owner-only too.
            File.SetUnixFileMode(file.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(LogLevel.Warning, "No API key existed, so an admin key was created. It is shown only now: {Key} (also saved to {Path}, mode 0600). Create personal keys with POST /api/keys and revoke this one.")]
    private partial void LogCreated(string key, string path);
}
