using Microsoft.AspNetCore.Http.HttpResults;
using NordicIoT.Cloud.Firmware;

namespace NordicIoT.Cloud.Api.Firmware;

/// <summary>The problem details of each upload refusal: its own status, title and type (urn:nordiciot:firmware:...).</summary>
public static class ReleaseProblems
{
    /// <summary>The problem for a refused upload.</summary>
    public static ProblemHttpResult For(ReleaseRejectedException rejection)
    {
        var (status, title, type) = rejection.Reason switch
        {
            ReleaseRejection.Unsigned => (StatusCodes.Status422UnprocessableEntity, "Release not signed", "unsigned"),
            ReleaseRejection.BadSignature => (StatusCodes.Status422UnprocessableEntity, "Bad release signature", "bad-signature"),
            ReleaseRejection.MalformedManifest => (StatusCodes.Status400BadRequest, "Malformed manifest", "malformed-manifest"),
            ReleaseRejection.InvalidVersion => (StatusCodes.Status400BadRequest, "Invalid version", "invalid-version"),
            ReleaseRejection.UnknownTarget => (StatusCodes.Status422UnprocessableEntity, "Unknown board target", "unknown-target"),
            ReleaseRejection.DuplicateVersion => (StatusCodes.Status409Conflict, "Version exists", "duplicate-version"),
            ReleaseRejection.FileTooLarge => (StatusCodes.Status413PayloadTooLarge, "File too large", "file-too-large"),
            ReleaseRejection.SizeMismatch => (StatusCodes.Status422UnprocessableEntity, "File size differs from the manifest", "size-mismatch"),
            ReleaseRejection.HashMismatch => (StatusCodes.Status422UnprocessableEntity, "File hash differs from the manifest", "hash-mismatch"),
            ReleaseRejection.MissingFile => (StatusCodes.Status400BadRequest, "File missing", "missing-file"),
            ReleaseRejection.UnexpectedFile => (StatusCodes.Status400BadRequest, "Unexpected file", "unexpected-file"),
            ReleaseRejection.WrongContentType => (StatusCodes.Status415UnsupportedMediaType, "Wrong content type", "wrong-content-type"),
            _ => (StatusCodes.Status400BadRequest, "Malformed upload", "bad-layout"),
        };
        return TypedResults.Problem(statusCode: status, title: title, detail: rejection.Message + " Nothing was stored.", type: "urn:nordiciot:firmware:" + type);
    }
}
