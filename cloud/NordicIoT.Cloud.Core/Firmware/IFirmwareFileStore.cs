namespace NordicIoT.Cloud.Firmware;

/// <summary>Keeps release files: an upload is written to its own staging area first and moved under the release id only once it is verified, so a failed upload never leaves files where downloads look.</summary>
/// <remarks>Ids are the 32-hex-digit ids the cloud makes; names are checked by <see cref="FirmwareFileNames"/>. A folder locally, S3 on AWS.</remarks>
public interface IFirmwareFileStore
{
    /// <summary>Writes <paramref name="content"/> (read to its end) as file <paramref name="name"/> of upload <paramref name="uploadId"/>.</summary>
    Task StageAsync(string uploadId, string name, Stream content, CancellationToken cancellationToken);

    /// <summary>Names of the files staged for the upload.</summary>
    Task<IReadOnlyList<string>> ListStagedAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>Moves every file staged for the upload to the release; nothing stays staged.</summary>
    Task PromoteAsync(string uploadId, string releaseId, CancellationToken cancellationToken);

    /// <summary>Deletes whatever is staged for the upload (nothing is fine).</summary>
    Task DiscardStagedAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>Names of the files stored for the release.</summary>
    Task<IReadOnlyList<string>> ListReleaseAsync(string releaseId, CancellationToken cancellationToken);

    /// <summary>Deletes every file of the release (nothing is fine).</summary>
    Task DeleteReleaseAsync(string releaseId, CancellationToken cancellationToken);

    /// <summary>A stream starting at byte <paramref name="offset"/> of a release file that holds at least <paramref name="length"/> bytes; null when the file does not exist.</summary>
    Task<Stream?> OpenReadAsync(string releaseId, string name, long offset, long length, CancellationToken cancellationToken);

    /// <summary>A URL that serves the file by itself (with Range) until <paramref name="expires"/>, such as a presigned S3 URL; null when downloads are served by the API.</summary>
    Uri? DirectDownloadUrl(string releaseId, string name, DateTimeOffset expires);
}
