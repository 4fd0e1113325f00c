using System.Net;
using System.Net.Http.Headers;
using NordicIoT.Device.Ota;

namespace NordicIoT.Device.Host.Ota;

/// <summary>The device's <see cref="IHttpRangeClient"/> on the host: one ranged GET per call with <see cref="HttpClient"/>, synchronously, as RunOnce is.</summary>
/// <remarks>The client's <see cref="HttpClient.Timeout"/> bounds each call; a timeout or a dropped body is a <see cref="DownloadTransportException"/>.</remarks>
public sealed class HttpClientRangeClient(HttpClient client) : IHttpRangeClient
{
    /// <inheritdoc/>
    public int Get(string url, string bearerToken, long start, byte[] buffer, int offset, int count, out long totalSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        if (count < 1 || offset < 0 || offset > buffer.Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"offset {offset} and count {count} do not fit an array of {buffer.Length} bytes");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(start, start + count - 1);
        if (!string.IsNullOrEmpty(bearerToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        using var response = Send(request, url);
        if (response.StatusCode != HttpStatusCode.PartialContent)
        {
            throw new DownloadRefusedException((int)response.StatusCode, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} for {url}");
        }

        var range = response.Content.Headers.ContentRange;
        if (range is not { From: { } from, To: { } to, Length: { } length } || from != start || to < from)
        {
            throw new DownloadRefusedException((int)response.StatusCode, $"{url} answered 206 without a usable Content-Range for bytes {start}-{start + count - 1} (got '{range}')");
        }

        totalSize = length;
        int expected = (int)Math.Min(count, to - from + 1);
        int received = ReadBody(response, buffer, offset, expected, url);
        if (received < expected)
        {
            throw new DownloadTransportException($"the connection closed after {received} of {expected} bytes from {url}");
        }

        return received;
    }

    private HttpResponseMessage Send(HttpRequestMessage request, string url)
    {
        try
        {
            return client.Send(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException e)
        {
            throw new DownloadTransportException($"GET {url} failed: {e.Message}", e);
        }
        catch (TaskCanceledException e)
        {
            throw new DownloadTransportException($"GET {url} timed out after {client.Timeout.TotalSeconds:0} s", e);
        }
    }

    private static int ReadBody(HttpResponseMessage response, byte[] buffer, int offset, int count, string url)
    {
        try
        {
            using var body = response.Content.ReadAsStream();
            return body.ReadAtLeast(buffer.AsSpan(offset, count), count, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or TaskCanceledException)
        {
            throw new DownloadTransportException($"the body from {url} broke off: {e.Message}", e);
        }
    }
}
