using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using NordicIoT.Cloud.Firmware;

namespace NordicIoT.Cloud.S3;

/// <summary>Release files as S3 objects: {prefix}staging/{upload}/{name} while an upload is checked, {prefix}releases/{release}/{name} once promoted (written there, then the staged object deleted).</summary>
/// <remarks>The client is the caller's (endpoint, region, credentials) and is not disposed here.</remarks>
public sealed class S3FirmwareFileStore : IFirmwareFileStore
{
    private readonly IAmazonS3 _client;
    private readonly S3FirmwareStoreOptions _options;

    public S3FirmwareFileStore(IAmazonS3 client, S3FirmwareStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _options = options;
    }

    public Task StageAsync(string uploadId, string name, Stream content, CancellationToken cancellationToken)
    {
        FirmwareFileNames.CheckName(name, nameof(name));
        return PutAsync(Key(Staging(uploadId), name), content, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListStagedAsync(string uploadId, CancellationToken cancellationToken) =>
        ListAsync(Staging(uploadId), cancellationToken);

    public async Task PromoteAsync(string uploadId, string releaseId, CancellationToken cancellationToken)
    {
        var target = Release(releaseId);
        foreach (var name in await ListStagedAsync(uploadId, cancellationToken).ConfigureAwait(false))
        {
            // Read and written again rather than CopyObject: S3 stand-ins (s3rver) misread the SDK's encoded copy
            // source, and files are small (a few MB at most) and promoted once per release.
            using var buffer = new MemoryStream();
            using (var staged = await _client.GetObjectAsync(_options.BucketName, Key(Staging(uploadId), name), cancellationToken).ConfigureAwait(false))
            {
                await staged.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            buffer.Position = 0;
            await PutAsync(Key(target, name), buffer, cancellationToken).ConfigureAwait(false);
            await DeleteAsync(Key(Staging(uploadId), name), cancellationToken).ConfigureAwait(false);
        }
    }

    public Task DiscardStagedAsync(string uploadId, CancellationToken cancellationToken) => DeleteAllAsync(Staging(uploadId), cancellationToken);

    public Task<IReadOnlyList<string>> ListReleaseAsync(string releaseId, CancellationToken cancellationToken) =>
        ListAsync(Release(releaseId), cancellationToken);

    public Task DeleteReleaseAsync(string releaseId, CancellationToken cancellationToken) => DeleteAllAsync(Release(releaseId), cancellationToken);

    public async Task<Stream?> OpenReadAsync(string releaseId, string name, long offset, long length, CancellationToken cancellationToken)
    {
        FirmwareFileNames.CheckName(name, nameof(name));
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        try
        {
            var response = await _client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = _options.BucketName,
                Key = Key(Release(releaseId), name),
                ByteRange = new ByteRange(offset, offset + length - 1),
            }, cancellationToken).ConfigureAwait(false);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Uri? DirectDownloadUrl(string releaseId, string name, DateTimeOffset expires)
    {
        FirmwareFileNames.CheckName(name, nameof(name));
        if (!_options.PresignDownloads)
        {
            return null;
        }

        return new Uri(_client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = _options.BucketName,
            Key = Key(Release(releaseId), name),
            Verb = HttpVerb.GET,
            Expires = expires.UtcDateTime,
            Protocol = _options.PresignProtocol,
        }));
    }

    private string Staging(string uploadId)
    {
        FirmwareFileNames.CheckId(uploadId, nameof(uploadId));
        return $"{_options.KeyPrefix}staging/{uploadId}/";
    }

    private string Release(string releaseId)
    {
        FirmwareFileNames.CheckId(releaseId, nameof(releaseId));
        return $"{_options.KeyPrefix}releases/{releaseId}/";
    }

    private static string Key(string folder, string name) => folder + name;

    private async Task<IReadOnlyList<string>> ListAsync(string folder, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        string? token = null;
        do
        {
            var response = await _client.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = _options.BucketName,
                Prefix = folder,
                ContinuationToken = token,
            }, cancellationToken).ConfigureAwait(false);
            names.AddRange((response.S3Objects ?? []).Select(o => o.Key[folder.Length..]));
            token = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (token is not null);
        return names;
    }

    private async Task DeleteAllAsync(string folder, CancellationToken cancellationToken)
    {
        foreach (var name in await ListAsync(folder, cancellationToken).ConfigureAwait(false))
        {
            await DeleteAsync(Key(folder, name), cancellationToken).ConfigureAwait(false);
        }
    }

    private Task PutAsync(string key, Stream content, CancellationToken cancellationToken) => _client.PutObjectAsync(new PutObjectRequest
    {
        BucketName = _options.BucketName,
        Key = key,
        InputStream = content,
        AutoCloseStream = false,
        ContentType = "application/octet-stream",

        // Plain (not aws-chunked) bodies: S3 stand-ins would otherwise store the chunk framing inside the object.
        UseChunkEncoding = false,
    }, cancellationToken);

    private Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _options.BucketName, Key = key }, cancellationToken);
}
