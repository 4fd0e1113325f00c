using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace NordicIoT.Device.Tests.Ota;

/// <summary>A raw HTTP/1.1 server on 127.0.0.1 (TcpListener, a free port) that answers each request with the bytes a test scripts, so it can send what a real server would not: broken status lines, oversize headers, chunked ranges, answers cut short.</summary>
/// <remarks>It counts connections and the bytes on them (below TLS when it serves TLS) and records every request head with the connection it came on; a connection stays open for the next request unless the answer says to close it.</remarks>
internal sealed class ScriptedHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<ScriptedRequest, ScriptedAnswer> _answer;
    private readonly ConcurrentQueue<ScriptedRequest> _requests = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly Thread _thread;
    private readonly X509Certificate2? _certificate;
    private int _connections;
    private int _requestCount;
    private long _wireBytes;

    /// <summary>Serves plain HTTP, or HTTPS with <paramref name="certificate"/> (which has its private key).</summary>
    public ScriptedHttpServer(Func<ScriptedRequest, ScriptedAnswer> answer, X509Certificate2? certificate = null)
    {
        _answer = answer;
        _certificate = certificate;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _thread = new Thread(Accept) { IsBackground = true, Name = "scripted-http-server" };
        _thread.Start();
    }

    public int Port { get; }

    public string Url(string pathAndQuery) => $"{(_certificate is null ? "http" : "https")}://127.0.0.1:{Port}{pathAndQuery}";

    /// <summary>Bytes both ways on all connections so far, TLS records and handshakes included.</summary>
    public long WireBytes => Interlocked.Read(ref _wireBytes);

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The requests so far, in order.</summary>
    public IReadOnlyList<ScriptedRequest> Requests => [.. _requests];

    public void Dispose()
    {
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _thread.Join(TimeSpan.FromSeconds(5));
    }

    /// <summary>A 206 answer with the requested range of <paramref name="content"/>, framed by Content-Length.</summary>
    public static ScriptedAnswer Range(ScriptedRequest request, byte[] content, string extraHeaders = "", int? bodyBytes = null)
    {
        string range = request.Header("Range") ?? throw new InvalidOperationException("no Range header");
        string[] ends = range["bytes=".Length..].Split('-');
        int from = int.Parse(ends[0]);
        int to = Math.Min(int.Parse(ends[1]), content.Length - 1);
        byte[] body = content[from..(to + 1)];
        byte[] head = Encoding.ASCII.GetBytes($"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {from}-{to}/{content.Length}\r\nContent-Length: {body.Length}\r\n{extraHeaders}\r\n");
        bool cut = bodyBytes is not null;
        return new ScriptedAnswer([.. head, .. body[..(bodyBytes ?? body.Length)]], Close: cut || extraHeaders.Contains("Connection: close", StringComparison.Ordinal));
    }

    /// <summary>An answer with a status, headers and a short body framed by Content-Length.</summary>
    public static ScriptedAnswer Status(int status, string reason, string extraHeaders = "", string body = "")
    {
        return new ScriptedAnswer(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\n{extraHeaders}Content-Length: {body.Length}\r\n\r\n{body}"), Close: false);
    }

    private void Accept()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = _listener.AcceptTcpClient();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _clients.Add(client);
            int connection = Interlocked.Increment(ref _connections);
            new Thread(() => Serve(client, connection)) { IsBackground = true, Name = "scripted-http-connection" }.Start();
        }
    }

    private void Serve(TcpClient client, int connection)
    {
        try
        {
            Stream stream = new CountingStream(client.GetStream(), this);
            if (_certificate is not null)
            {
                var secure = new SslStream(stream);
                // TLS 1.2, as the board speaks it, so the handshake costs what it would there (with this one-certificate chain).
                secure.AuthenticateAsServer(_certificate, clientCertificateRequired: false, SslProtocols.Tls12, checkCertificateRevocation: false);
                stream = secure;
            }

            using var open = stream;
            var pending = new List<byte>();
            var buffer = new byte[4096];
            while (true)
            {
                int end;
                while ((end = HeadEnd(pending)) < 0)
                {
                    int read = stream.Read(buffer, 0, buffer.Length);
                    if (read <= 0)
                    {
                        return;
                    }

                    pending.AddRange(buffer.AsSpan(0, read).ToArray());
                }

                string head = Encoding.ASCII.GetString([.. pending.Take(end)]);
                pending.RemoveRange(0, end + 4);
                var request = new ScriptedRequest(head, connection, Interlocked.Increment(ref _requestCount));
                _requests.Enqueue(request);
                var answer = _answer(request);
                stream.Write(answer.Bytes);
                stream.Flush();
                if (answer.Close)
                {
                    client.Client.Shutdown(SocketShutdown.Both);
                    return;
                }
            }
        }
        catch (Exception)
        {
            // The client went away, or the test disposed the server mid-answer; a test's own thread must not crash the run.
        }
        finally
        {
            client.Dispose();
        }
    }

    private sealed class CountingStream(Stream inner, ScriptedHttpServer server) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = inner.Read(buffer, offset, count);
            Interlocked.Add(ref server._wireBytes, read);
            return read;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Interlocked.Add(ref server._wireBytes, count);
            inner.Write(buffer, offset, count);
        }

        public override void Flush() => inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private static int HeadEnd(List<byte> bytes)
    {
        for (int i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>One request head as it came: the request line, the header lines, the connection (1-based) and the request's number (1-based).</summary>
internal sealed record ScriptedRequest(string Head, int Connection, int Number)
{
    public string[] Lines => Head.Split("\r\n");

    public string RequestLine => Lines[0];

    /// <summary>The value of header <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name) =>
        Lines.Skip(1).Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)).Select(l => l[(name.Length + 1)..].Trim()).FirstOrDefault();
}

/// <summary>The bytes to send, and whether to close the connection after them.</summary>
internal sealed record ScriptedAnswer(byte[] Bytes, bool Close);
