namespace NordicIoT.Cloud.Firmware;

/// <summary>Why an upload was refused; each has its own problem type in the API.</summary>
public enum ReleaseRejection
{
    /// <summary>No signature came with the manifest.</summary>
    Unsigned,

    /// <summary>The signature is not the release key's signature over the manifest bytes.</summary>
    BadSignature,

    /// <summary>The manifest is not a valid manifest (CBOR, fields, file names).</summary>
    MalformedManifest,

    /// <summary>The manifest's version is not a semantic version.</summary>
    InvalidVersion,

    /// <summary>A board target in the manifest is not one the cloud knows.</summary>
    UnknownTarget,

    /// <summary>A release with the same version exists.</summary>
    DuplicateVersion,

    /// <summary>A file is larger than the configured limit.</summary>
    FileTooLarge,

    /// <summary>A file's length differs from the manifest's size.</summary>
    SizeMismatch,

    /// <summary>A file's SHA-256 differs from the manifest's.</summary>
    HashMismatch,

    /// <summary>A file the manifest lists was not sent.</summary>
    MissingFile,

    /// <summary>A file was sent that the manifest does not list, or was sent twice.</summary>
    UnexpectedFile,

    /// <summary>The request or one of its parts has a content type other than the one expected.</summary>
    WrongContentType,

    /// <summary>The parts are not manifest, signature, then files.</summary>
    BadLayout,
}

/// <summary>An upload was refused; nothing of it stays stored.</summary>
public sealed class ReleaseRejectedException(ReleaseRejection reason, string message) : Exception(message)
{
    /// <summary>Why.</summary>
    public ReleaseRejection Reason { get; } = reason;
}
