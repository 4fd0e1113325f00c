using Amazon.S3;

namespace NordicIoT.Cloud.S3;

/// <summary>Where the S3 firmware store keeps files, and whether devices download straight from S3.</summary>
public sealed record S3FirmwareStoreOptions
{
    /// <summary>The bucket (created by the deployment, not by the store).</summary>
    public required string BucketName { get; init; }

    /// <summary>Put before every key (e.g. "firmware/"), so the bucket can hold other things.</summary>
    public string KeyPrefix { get; init; } = "";

    /// <summary>True: downloads are redirected to presigned S3 URLs, so file bytes never pass through the API.</summary>
    public bool PresignDownloads { get; init; } = true;

    /// <summary>Scheme of presigned URLs: HTTPS on AWS; HTTP for a local stand-in.</summary>
    public Protocol PresignProtocol { get; init; } = Protocol.HTTPS;

    /// <summary>Throws unless the options are usable.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(BucketName) || BucketName.Length is < 3 or > 63)
        {
            throw new ArgumentException("an S3 bucket name has 3..63 characters", nameof(BucketName));
        }

        if (KeyPrefix is null || KeyPrefix.Length > 200 || KeyPrefix.StartsWith('/'))
        {
            throw new ArgumentException("the S3 key prefix is at most 200 characters and does not start with '/'", nameof(KeyPrefix));
        }
    }
}
