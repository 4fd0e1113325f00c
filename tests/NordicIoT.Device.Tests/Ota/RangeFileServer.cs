using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NordicIoT.Device.Tests.Ota;

/// <summary>A real HTTP server on 127.0.0.1 (HttpListener, a free port) that serves firmware files with Range, wants a bearer token, counts what it sends, and can drop a response part-way.</summary>
/// <remarks>It plays the cloud's download endpoint: GET {BaseUrl}{name} with "Range: bytes=a-b" answers 206 with Content-Range.</remarks>
internal sealed class RangeFileServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ServedRange> _served = new();
    private readonly ConcurrentDictionary<int, int> _drops = new();
    private readonly Thread _thread;
    private long _bodyBytes;
    private int _requests;

    public RangeFileServer()
    {
        (_listener, Port) = Listen();
        _thread = new Thread(Serve) { IsBackground = true, Name = "range-file-server" };
        _thread.Start();
    }

    public int Port { get; }

    /// <summary>Base URL of the offer: a file is at BaseUrl + name.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}/fw/";

    /// <summary>The bearer token a request must carry; null accepts any request.</summary>
    public string? Token { get; set; } = "download-token";

    /// <summary>Requests answered so far (any status).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Body bytes written to clients, dropped responses' partial bodies included.</summary>
    public long BodyBytes => Interlocked.Read(ref _bodyBytes);

    /// <summary>The 206 responses, in order: which file, which range, and whether the response was dropped.</summary>
    public IReadOnlyList<ServedRange> Served => [.. _served];

    public void Add(string name, byte[] content) => _files[name] = content;

    /// <summary>Makes request number <paramref name="request"/> (1-based, counting every request) close the connection after <paramref name="bodyBytes"/> body bytes.</summary>
    public void DropRequest(int request, int bodyBytes) => _drops[request] = bodyBytes;

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _thread.Join(TimeSpan.FromSeconds(5));
    }

    private static (HttpListener, int) Listen()
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                // Someone took the port between the probe and the bind: try another.
                listener.Close();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private void Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Answer(context, Interlocked.Increment(ref _requests));
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client went away mid-answer: nothing to do.
            }
        }
    }

    private void Answer(HttpListenerContext context, int number)
    {
        var request = context.Request;
        var response = context.Response;
        string path = request.Url!.AbsolutePath;
        if (Token is { } token && request.Headers["Authorization"] != "Bearer " + token)
        {
            Finish(response, HttpStatusCode.Unauthorized);
            return;
        }

        if (!path.StartsWith("/fw/", StringComparison.Ordinal) || !_files.TryGetValue(path["/fw/".Length..], out byte[]? file))
        {
            Finish(response, HttpStatusCode.NotFound);
            return;
        }

        if (!TryParseRange(request.Headers["Range"], file.Length, out long from, out long to))
        {
            response.AddHeader("Content-Range", $"bytes */{file.Length}");
            Finish(response, HttpStatusCode.RequestedRangeNotSatisfiable);
            return;
        }

        int length = (int)(to - from + 1);
        bool dropped = _drops.TryRemove(number, out int keep);
        response.StatusCode = (int)HttpStatusCode.PartialContent;
        response.AddHeader("Accept-Ranges", "bytes");
        response.AddHeader("Content-Range", $"bytes {from}-{to}/{file.Length}");
        response.ContentLength64 = length;
        int send = dropped ? Math.Min(keep, length) : length;
        _served.Enqueue(new ServedRange(path["/fw/".Length..], from, to, dropped));

        // Counted before it goes out: the client may act on the last bytes before this thread runs again.
        Interlocked.Add(ref _bodyBytes, send);
        response.OutputStream.Write(file, (int)from, send);
        if (dropped)
        {
            response.OutputStream.Flush();
            response.Abort();
            return;
        }

        response.Close();
    }

    private static void Finish(HttpListenerResponse response, HttpStatusCode status)
    {
        response.StatusCode = (int)status;
        response.ContentLength64 = 0;
        response.Close();
    }

    // "bytes=a-b" with a <= b < length (b clipped to the end, as RFC 9110 allows); anything else is unsatisfiable here.
    private static bool TryParseRange(string? header, long length, out long from, out long to)
    {
        from = to = 0;
        if (header is null || !header.StartsWith("bytes=", StringComparison.Ordinal))
        {
            return false;
        }

        string[] parts = header["bytes=".Length..].Split('-');
        if (parts.Length != 2 || !long.TryParse(parts[0], out from) || !long.TryParse(parts[1], out to) || from > to || from >= length)
        {
            return false;
        }

        to = Math.Min(to, length - 1);
        return true;
    }
}

/// <summary>One 206 response: the file, the byte range, and whether the connection was dropped part-way.</summary>
internal sealed record ServedRange(string File, long From, long To, bool Dropped);
