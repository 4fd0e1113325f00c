using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NordicIoT.Cli.Errors;

namespace NordicIoT.Cli.Firmware;

/// <summary>Uploads a signed release folder to the cloud (POST /api/firmware, multipart: manifest, signature, files), reporting bytes sent as it goes.</summary>
public sealed class ReleaseUploader(HttpClient http)
{
    /// <summary>Uploads <paramref name="release"/>; <paramref name="progress"/> gets (bytes sent, total) as file bytes go out. Returns the release id.</summary>
    /// <exception cref="ServerRefusedException">The cloud refused the upload (its problem details are in the message).</exception>
    /// <exception cref="NoConnectionException">The cloud could not be reached.</exception>
    public async Task<string> UploadAsync(ReleaseFolder release, Action<long, long> progress, CancellationToken cancellationToken)
    {
        long total = release.Manifest.Files.Sum(f => f.Size);
        long sent = 0;
        using var form = new MultipartFormDataContent();
        form.Add(Part(new ByteArrayContent(release.ManifestBytes), "application/cbor"), "manifest");
        form.Add(Part(new ByteArrayContent(release.Signature), "application/octet-stream"), "signature");
        var streams = new List<Stream>();
        try
        {
            foreach (var file in release.Manifest.Files)
            {
                var stream = new CountingStream(File.OpenRead(release.FilePath(file.Name)), bytes =>
                {
                    sent += bytes;
                    progress(sent, total);
                });
                streams.Add(stream);
                form.Add(Part(new StreamContent(stream), "application/octet-stream"), "file", file.Name);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.PostAsync("api/firmware", form, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new NoConnectionException($"Could not reach the cloud at {http.BaseAddress}: {e.Message}");
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new ServerRefusedException($"The cloud refused the release ({(int)response.StatusCode}): {Problem(body)}");
                }

                return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
            }
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static HttpContent Part(HttpContent content, string type)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    private static string Problem(string body)
    {
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            var title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
            return string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }

    // Reports every read, so the progress follows what HttpClient has taken from the file.
    private sealed class CountingStream(Stream inner, Action<int> read) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override void Flush() => inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int bytes)
        {
            if (bytes > 0)
            {
                read(bytes);
            }

            return bytes;
        }
    }
}
