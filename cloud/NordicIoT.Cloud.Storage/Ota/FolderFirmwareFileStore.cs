using NordicIoT.Cloud.Firmware;

namespace NordicIoT.Cloud.Storage.Ota;

/// <summary>The embedded firmware store: files under a folder, staging/{upload}/{name} while an upload is checked, releases/{release}/{name} once promoted by renaming the upload's folder in one step.</summary>
public sealed class FolderFirmwareFileStore : IFirmwareFileStore
{
    private readonly string _staging;
    private readonly string _releases;

    /// <summary>Keeps files under <paramref name="root"/> (created when needed).</summary>
    public FolderFirmwareFileStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        _staging = Path.Combine(Root, "staging");
        _releases = Path.Combine(Root, "releases");
    }

    /// <summary>The folder's full path.</summary>
    public string Root { get; }

    public async Task StageAsync(string uploadId, string name, Stream content, CancellationToken cancellationToken)
    {
        FirmwareFileNames.CheckName(name, nameof(name));
        var folder = Directory.CreateDirectory(Staging(uploadId)).FullName;
        var path = Path.Combine(folder, name);

        // Written under a temporary name and renamed, so a staged file is always whole.
        var temporary = path + ".part";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public Task<IReadOnlyList<string>> ListStagedAsync(string uploadId, CancellationToken cancellationToken) => Task.FromResult(List(Staging(uploadId)));

    public Task PromoteAsync(string uploadId, string releaseId, CancellationToken cancellationToken)
    {
        var source = Staging(uploadId);
        var target = Release(releaseId);
        Directory.CreateDirectory(_releases);
        if (Directory.Exists(source))
        {
            Directory.Move(source, target);
        }
        else
        {
            Directory.CreateDirectory(target);
        }

        return Task.CompletedTask;
    }

    public Task DiscardStagedAsync(string uploadId, CancellationToken cancellationToken)
    {
        DeleteFolder(Staging(uploadId));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListReleaseAsync(string releaseId, CancellationToken cancellationToken) => Task.FromResult(List(Release(releaseId)));

    public Task DeleteReleaseAsync(string releaseId, CancellationToken cancellationToken)
    {
        DeleteFolder(Release(releaseId));
        return Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string releaseId, string name, long offset, long length, CancellationToken cancellationToken)
    {
        FirmwareFileNames.CheckName(name, nameof(name));
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var path = Path.Combine(Release(releaseId), name);
        if (!File.Exists(path))
        {
            return Task.FromResult<Stream?>(null);
        }

        // Delete sharing: a release deleted while a device downloads removes the file once the download ends.
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096, useAsync: true);
        file.Seek(offset, SeekOrigin.Begin);
        return Task.FromResult<Stream?>(file);
    }

    /// <summary>Always null: the API serves the files.</summary>
    public Uri? DirectDownloadUrl(string releaseId, string name, DateTimeOffset expires) => null;

    private string Staging(string uploadId)
    {
        FirmwareFileNames.CheckId(uploadId, nameof(uploadId));
        return Path.Combine(_staging, uploadId);
    }

    private string Release(string releaseId)
    {
        FirmwareFileNames.CheckId(releaseId, nameof(releaseId));
        return Path.Combine(_releases, releaseId);
    }

    private static IReadOnlyList<string> List(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>().Where(n => !n.EndsWith(".part", StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
            : [];

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
