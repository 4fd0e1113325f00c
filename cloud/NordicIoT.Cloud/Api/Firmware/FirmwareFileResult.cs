namespace NordicIoT.Cloud.Api.Firmware;

/// <summary>Writes a release file or a range of it (200 or 206) with Accept-Ranges, Content-Range and the file's SHA-256 as ETag.</summary>
public sealed class FirmwareFileResult(Stream content, ByteRange range, long size, string sha256Hex) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using var source = content;
        var response = httpContext.Response;
        response.StatusCode = range.Partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        response.ContentType = "application/octet-stream";
        response.ContentLength = range.Length;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ETag = $"\"{sha256Hex}\"";
        if (range.Partial)
        {
            response.Headers.ContentRange = range.ContentRange(size);
        }

        // Copies exactly the range: the store's stream may run on to the end of the file.
        var buffer = new byte[Math.Min(range.Length, 64 * 1024)];
        var left = range.Length;
        while (left > 0)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), httpContext.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException($"the stored file ended {left} bytes before its recorded size");
            }

            await response.Body.WriteAsync(buffer.AsMemory(0, read), httpContext.RequestAborted).ConfigureAwait(false);
            left -= read;
        }
    }
}
