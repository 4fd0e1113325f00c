using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using NordicIoT.Cloud.Firmware;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Api.Firmware;

/// <summary>Reads a release upload: multipart/form-data with a part "manifest" (application/cbor), a part "signature" (application/octet-stream, 64 bytes r || s), then one part "file" per manifest file (application/octet-stream, filename = the manifest's name).</summary>
public static class ReleaseMultipart
{
    /// <summary>The request's content type.</summary>
    public const string ContentType = "multipart/form-data";

    /// <summary>The manifest part's content type.</summary>
    public const string ManifestType = "application/cbor";

    /// <summary>The signature's and the files' content type.</summary>
    public const string BinaryType = "application/octet-stream";

    private const int MaxSignatureBytes = 1024;

    /// <summary>Feeds every part of <paramref name="request"/> to <paramref name="upload"/> and commits it.</summary>
    /// <exception cref="ReleaseRejectedException">The request is not a valid upload.</exception>
    public static async Task<Release> ReadAsync(HttpRequest request, ReleaseUpload upload, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new ReleaseRejectedException(ReleaseRejection.WrongContentType,
                $"An upload is {ContentType} (with a boundary), not '{request.ContentType}': parts manifest, signature, then one file part per manifest file.");
        }

        var reader = new MultipartReader(boundary, request.Body);
        byte[]? manifest = null;
        byte[]? signature = null;
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                throw new ReleaseRejectedException(ReleaseRejection.BadLayout, "Every part needs a Content-Disposition of form-data with a name.");
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            switch (name)
            {
                case "manifest":
                    Expect(section, ManifestType, name);
                    manifest = await ReadSmallAsync(section.Body, FirmwareOfferCodec.MaxManifestBytes, "manifest", cancellationToken).ConfigureAwait(false);
                    break;
                case "signature":
                    Expect(section, BinaryType, name);
                    signature = await ReadSmallAsync(section.Body, MaxSignatureBytes, "signature", cancellationToken).ConfigureAwait(false);
                    break;
                case "file":
                    Expect(section, BinaryType, name);
                    await AcceptManifestOnceAsync(upload, manifest, signature, cancellationToken).ConfigureAwait(false);
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    if (string.IsNullOrEmpty(fileName))
                    {
                        throw new ReleaseRejectedException(ReleaseRejection.BadLayout, "A file part needs a filename: the file's name in the manifest.");
                    }

                    await upload.AddFileAsync(fileName, section.Body, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new ReleaseRejectedException(ReleaseRejection.BadLayout, $"Unknown part '{name}'; an upload has parts manifest, signature and file.");
            }
        }

        await AcceptManifestOnceAsync(upload, manifest, signature, cancellationToken).ConfigureAwait(false);
        return await upload.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task AcceptManifestOnceAsync(ReleaseUpload upload, byte[]? manifest, byte[]? signature, CancellationToken cancellationToken)
    {
        if (upload.HasManifest)
        {
            return;
        }

        if (manifest is null)
        {
            throw new ReleaseRejectedException(ReleaseRejection.BadLayout, "The upload has no manifest part before its files; send manifest, signature, then the files.");
        }

        await upload.AcceptManifestAsync(manifest, signature, cancellationToken).ConfigureAwait(false);
    }

    private static void Expect(MultipartSection section, string contentType, string part)
    {
        if (!MediaTypeHeaderValue.TryParse(section.ContentType, out var type) || !type.MediaType.Equals(contentType, StringComparison.OrdinalIgnoreCase))
        {
            throw new ReleaseRejectedException(ReleaseRejection.WrongContentType, $"Part '{part}' must be {contentType}, not '{section.ContentType ?? "(none)"}'.");
        }
    }

    private static async Task<byte[]> ReadSmallAsync(Stream body, int limit, string part, CancellationToken cancellationToken)
    {
        var buffer = new byte[limit + 1];
        var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (length > limit)
        {
            throw new ReleaseRejectedException(part == "manifest" ? ReleaseRejection.MalformedManifest : ReleaseRejection.BadSignature,
                $"The {part} is longer than the {limit} bytes allowed.");
        }

        return buffer[..length];
    }
}
