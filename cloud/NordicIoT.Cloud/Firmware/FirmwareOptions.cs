namespace NordicIoT.Cloud.Firmware;

/// <summary>Settings of section "Firmware": the release public key, which boards exist, file limits, where files are kept, and the download token key.</summary>
public sealed class FirmwareOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Firmware";

    /// <summary>Default largest file, bytes (an application's .pe files are tens to hundreds of KB).</summary>
    public const long DefaultMaxFileBytes = 2 * 1024 * 1024;

    /// <summary>The release public key as 130 hex digits (04 || X || Y); or set <see cref="ReleasePublicKeyPath"/>. Without either, uploads are refused.</summary>
    public string? ReleasePublicKey { get; set; }

    /// <summary>A file holding the 65-byte public key (pki/release-signing.pub from `nordiciot provision`); relative paths are under the content root.</summary>
    public string? ReleasePublicKeyPath { get; set; }

    /// <summary>Board targets accepted besides the nanoff targets of the board profiles built into the app (hardware/*.json).</summary>
    public List<string> Targets { get; set; } = [];

    /// <summary>Largest file of a release, bytes.</summary>
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>Where files are kept: a folder (default) or S3.</summary>
    public FirmwareStore Store { get; set; } = FirmwareStore.Folder;

    /// <summary>The folder; null means firmware/ in the data folder. Relative paths are under the content root.</summary>
    public string? FolderPath { get; set; }

    /// <summary>S3 settings.</summary>
    public S3FirmwareOptions S3 { get; set; } = new();

    /// <summary>Key of the download tokens as base64 (at least 32 bytes); null: a key file in the data folder, made on first use. Processes sharing a deployment must share the key.</summary>
    public string? DownloadTokenKey { get; set; }
}

/// <summary>Where release files are kept.</summary>
public enum FirmwareStore
{
    /// <summary>A folder: local runs.</summary>
    Folder,

    /// <summary>Amazon S3 (or a stand-in at a service URL).</summary>
    S3,
}

/// <summary>Settings of section "Firmware:S3".</summary>
public sealed class S3FirmwareOptions
{
    public string? BucketName { get; set; }

    /// <summary>Put before every key.</summary>
    public string KeyPrefix { get; set; } = "firmware/";

    /// <summary>Endpoint of a local stand-in (s3rver); null uses the region's AWS endpoint.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>AWS region, e.g. eu-north-1.</summary>
    public string? Region { get; set; }

    /// <summary>Redirect device downloads to presigned S3 URLs (true) or stream them through the API.</summary>
    public bool PresignDownloads { get; set; } = true;
}
