using System.Security.Cryptography.X509Certificates;
using System.Text;
using Xunit.Abstractions;
using NordicIoT.Device.Host.Ota;
using NordicIoT.Device.Ota;
using NordicIoT.Device.Ota.Http;

namespace NordicIoT.Device.Tests.Ota;

/// <summary>The device's HTTP/1.1 range client over real TCP against scripted servers on 127.0.0.1.</summary>
public sealed class KeepAliveRangeClientTests(ITestOutputHelper output) : IDisposable
{
    private const string Token = "download-token";
    private static readonly byte[] Content = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();

    private readonly List<ScriptedHttpServer> _servers = [];
    private readonly KeepAliveRangeClient _client = new(new TcpStreamConnector(trustedCa: null, TimeSpan.FromSeconds(10)));
    private readonly byte[] _buffer = new byte[2048];

    [Fact]
    public void Many_ranges_go_over_one_connection_with_only_GET_Host_Range_and_Authorization()
    {
        var server = Serve(r => ScriptedHttpServer.Range(r, Content));
        string url = server.Url("/fw/app.pe");

        for (int start = 0; start < Content.Length; start += 500)
        {
            int read = _client.Get(url, Token, start, _buffer, 10, 500, out long total);
            Assert.Equal((500, 5000L), (read, total));
            Assert.Equal(Content[start..(start + 500)], _buffer[10..510]);
        }

        Assert.Equal(1, server.Connections);
        Assert.Equal(10, server.Requests.Count);
        Assert.Equal(
            ["GET /fw/app.pe HTTP/1.1", $"Host: 127.0.0.1:{server.Port}", "Range: bytes=4500-4999", "Authorization: Bearer download-token"],
            server.Requests[^1].Lines);
    }

    [Fact]
    public void The_last_range_may_be_shorter_and_no_token_means_no_Authorization_header()
    {
        var server = Serve(r => ScriptedHttpServer.Range(r, Content));

        int read = _client.Get(server.Url("/fw/app.pe"), "", 4500, _buffer, 0, 2048, out _);

        Assert.Equal(500, read);
        Assert.Equal(Content[4500..], _buffer[..500]);
        Assert.Null(server.Requests[0].Header("Authorization"));
        Assert.Equal("bytes=4500-6547", server.Requests[0].Header("Range"));
    }

    [Fact]
    public void A_body_cut_off_is_a_transport_failure_and_the_next_range_comes_over_a_new_connection()
    {
        var server = Serve(r => r.Number == 2 ? ScriptedHttpServer.Range(r, Content, bodyBytes: 300) : ScriptedHttpServer.Range(r, Content));
        string url = server.Url("/fw/app.pe");
        _client.Get(url, Token, 0, _buffer, 0, 1000, out _);

        var e = Assert.Throws<DownloadTransportException>(() => _client.Get(url, Token, 1000, _buffer, 0, 1000, out _));
        int read = _client.Get(url, Token, 1000, _buffer, 0, 1000, out _);

        Assert.Contains("after 300 of 1000 bytes", e.Message);
        Assert.Equal(Content[1000..2000], _buffer[..read]);
        Assert.Equal([1, 1, 2], server.Requests.Select(r => r.Connection));
    }

    [Fact]
    public void Connection_close_is_honoured_even_when_the_server_keeps_the_socket_open()
    {
        var server = Serve(r => ScriptedHttpServer.Range(r, Content, "Connection: close\r\n") with { Close = false });
        string url = server.Url("/fw/app.pe");

        _client.Get(url, Token, 0, _buffer, 0, 100, out _);
        _client.Get(url, Token, 100, _buffer, 0, 100, out _);

        Assert.Equal([1, 2], server.Requests.Select(r => r.Connection));
    }

    [Fact]
    public void A_kept_connection_the_server_closed_while_idle_is_replaced_without_an_error()
    {
        var server = Serve(r => ScriptedHttpServer.Range(r, Content) with { Close = true });
        string url = server.Url("/fw/app.pe");
        _client.Get(url, Token, 0, _buffer, 0, 100, out _);
        WaitUntilClosedByServer();

        int read = _client.Get(url, Token, 100, _buffer, 0, 100, out _);

        Assert.Equal(Content[100..200], _buffer[..read]);
        Assert.Equal([1, 2], server.Requests.Select(r => r.Connection));
    }

    [Fact]
    public void Close_ends_the_kept_connection_and_the_next_range_opens_a_new_one()
    {
        var server = Serve(r => ScriptedHttpServer.Range(r, Content));
        string url = server.Url("/fw/app.pe");
        _client.Get(url, Token, 0, _buffer, 0, 100, out _);

        _client.Close();
        _client.Get(url, Token, 100, _buffer, 0, 100, out _);

        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public void A_307_to_another_host_is_followed_with_the_same_range_the_query_as_written_and_no_Authorization()
    {
        const string presigned = "/bucket/app.pe?X-Amz-Credential=AKIA%2F20261122%2Feu-north-1&X-Amz-Signature=ab+cd~&empty=";
        var store = Serve(r => ScriptedHttpServer.Range(r, Content));
        var cloud = Serve(r => r.Header("Authorization") == "Bearer " + Token
            ? ScriptedHttpServer.Status(307, "Temporary Redirect", $"Location: {store.Url(presigned)}\r\n")
            : ScriptedHttpServer.Status(401, "Unauthorized"));
        string url = cloud.Url("/fw/app.pe");

        for (int start = 0; start < 3000; start += 1000)
        {
            int read = _client.Get(url, Token, start, _buffer, 0, 1000, out long total);
            Assert.Equal((1000, 5000L), (read, total));
            Assert.Equal(Content[start..(start + 1000)], _buffer[..1000]);
        }

        Assert.All(store.Requests, r => Assert.Null(r.Header("Authorization")));
        Assert.All(store.Requests, r => Assert.Equal($"GET {presigned} HTTP/1.1", r.RequestLine));
        Assert.Equal(["bytes=0-999", "bytes=1000-1999", "bytes=2000-2999"], store.Requests.Select(r => r.Header("Range")));
        Assert.Equal($"127.0.0.1:{store.Port}", store.Requests[0].Header("Host"));

        // The presigned URL serves the later ranges directly, over the connection the first one opened.
        Assert.Single(cloud.Requests);
        Assert.Equal(1, store.Connections);
    }

    [Fact]
    public void A_presigned_URL_that_expired_sends_the_range_through_the_cloud_again_for_a_fresh_one()
    {
        int signatures = 0;
        var store = Serve(r => r.RequestLine.Contains("sig=1", StringComparison.Ordinal) && r.Header("Range") == "bytes=2000-2999"
            ? ScriptedHttpServer.Status(403, "Forbidden", body: "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>")
            : ScriptedHttpServer.Range(r, Content));
        var cloud = Serve(r => ScriptedHttpServer.Status(307, "Temporary Redirect", $"Location: {store.Url($"/bucket/app.pe?sig={Interlocked.Increment(ref signatures)}")}\r\n"));
        string url = cloud.Url("/fw/app.pe");

        for (int start = 0; start < 4000; start += 1000)
        {
            int read = _client.Get(url, Token, start, _buffer, 0, 1000, out _);
            Assert.Equal(Content[start..(start + 1000)], _buffer[..read]);
        }

        Assert.Equal(["bytes=0-999", "bytes=2000-2999"], cloud.Requests.Select(r => r.Header("Range")));
        Assert.Equal(
            ["sig=1 bytes=0-999", "sig=1 bytes=1000-1999", "sig=1 bytes=2000-2999", "sig=2 bytes=2000-2999", "sig=2 bytes=3000-3999"],
            store.Requests.Select(r => $"{r.RequestLine.Split('?', ' ')[2]} {r.Header("Range")}"));
    }

    [Fact]
    public void After_a_failure_a_new_URL_or_Close_the_next_range_goes_through_the_callers_URL()
    {
        var store = Serve(r => r.Number == 2 ? ScriptedHttpServer.Range(r, Content, bodyBytes: 10) : ScriptedHttpServer.Range(r, Content));
        var cloud = Serve(r => ScriptedHttpServer.Status(307, "Temporary Redirect", $"Location: {store.Url("/bucket" + r.RequestLine.Split(' ')[1])}\r\n"));

        _client.Get(cloud.Url("/fw/app.pe"), Token, 0, _buffer, 0, 100, out _);
        Assert.Throws<DownloadTransportException>(() => _client.Get(cloud.Url("/fw/app.pe"), Token, 100, _buffer, 0, 100, out _));
        _client.Get(cloud.Url("/fw/app.pe"), Token, 100, _buffer, 0, 100, out _);
        _client.Get(cloud.Url("/fw/other.pe"), Token, 0, _buffer, 0, 100, out _);
        _client.Close();
        _client.Get(cloud.Url("/fw/other.pe"), Token, 100, _buffer, 0, 100, out _);

        Assert.Equal(
            ["/fw/app.pe bytes=0-99", "/fw/app.pe bytes=100-199", "/fw/other.pe bytes=0-99", "/fw/other.pe bytes=100-199"],
            cloud.Requests.Select(r => $"{r.RequestLine.Split(' ')[1]} {r.Header("Range")}"));
    }

    [Fact]
    public void A_relative_Location_stays_on_the_same_connection()
    {
        var server = Serve(r => r.RequestLine.StartsWith("GET /fw/", StringComparison.Ordinal)
            ? ScriptedHttpServer.Status(302, "Found", "Location: /store/app.pe?sig=1\r\n", body: "moved")
            : ScriptedHttpServer.Range(r, Content));

        _client.Get(server.Url("/fw/app.pe"), Token, 0, _buffer, 0, 100, out _);

        Assert.Equal(["GET /fw/app.pe HTTP/1.1", "GET /store/app.pe?sig=1 HTTP/1.1"], server.Requests.Select(r => r.RequestLine));
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public void A_fourth_redirect_is_a_refusal()
    {
        var server = Serve(r => ScriptedHttpServer.Status(307, "Temporary Redirect", "Location: /again\r\n"));

        var e = Assert.Throws<DownloadRefusedException>(() => _client.Get(server.Url("/fw/app.pe"), Token, 0, _buffer, 0, 100, out _));

        Assert.Equal(307, e.StatusCode);
        Assert.Contains("after 3 redirects", e.Message);
        Assert.Equal(4, server.Requests.Count);
    }

    [Theory]
    [InlineData(401, "Unauthorized")]
    [InlineData(403, "Forbidden")]
    [InlineData(404, "Not Found")]
    [InlineData(416, "Range Not Satisfiable")]
    public void Refusals_carry_their_status_and_leave_the_connection_usable(int status, string reason)
    {
        var server = Serve(r => r.Number == 1 ? ScriptedHttpServer.Status(status, reason, "Content-Type: application/problem+json\r\n", body: "{\"title\":\"no\"}") : ScriptedHttpServer.Range(r, Content));
        string url = server.Url("/fw/app.pe");

        var e = Assert.Throws<DownloadRefusedException>(() => _client.Get(url, Token, 0, _buffer, 0, 100, out _));
        _client.Get(url, Token, 0, _buffer, 0, 100, out _);

        Assert.Equal(status, e.StatusCode);
        Assert.StartsWith($"HTTP {status} {reason} for ", e.Message);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public void A_refusal_with_a_chunked_body_closes_the_connection_instead_of_reading_it()
    {
        var server = Serve(r => r.Number == 1
            ? new ScriptedAnswer(Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"), Close: false)
            : ScriptedHttpServer.Range(r, Content));
        string url = server.Url("/fw/app.pe");

        Assert.Equal(404, Assert.Throws<DownloadRefusedException>(() => _client.Get(url, Token, 0, _buffer, 0, 100, out _)).StatusCode);
        _client.Get(url, Token, 0, _buffer, 0, 100, out _);

        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public void A_chunked_206_is_refused_clearly()
    {
        var server = Serve(_ => new ScriptedAnswer(Encoding.ASCII.GetBytes("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-4/5000\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"), Close: false));

        var e = Assert.Throws<DownloadRefusedException>(() => _client.Get(server.Url("/fw/app.pe"), Token, 0, _buffer, 0, 5, out _));

        Assert.Equal(206, e.StatusCode);
        Assert.Contains("chunked", e.Message);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.6\r\n\r\n")]
    [InlineData("HTTP/1.1 2x6 Partial\r\n\r\n")]
    [InlineData("HTTP/2 206\r\n\r\n")]
    public void An_answer_that_is_not_HTTP_1_is_a_refusal_naming_what_came(string answer)
    {
        var server = Serve(_ => new ScriptedAnswer(Encoding.ASCII.GetBytes(answer), Close: false));

        var e = Assert.Throws<DownloadRefusedException>(() => _client.Get(server.Url("/fw/app.pe"), Token, 0, _buffer, 0, 100, out _));

        Assert.Equal(0, e.StatusCode);
        Assert.Contains("did not answer with an HTTP/1.x status line (got '" + answer[..answer.IndexOf('\r')] + "')", e.Message);
    }

    [Fact]
    public void A_header_block_over_4_KB_is_a_refusal()
    {
        var server = Serve(_ => new ScriptedAnswer(Encoding.ASCII.GetBytes($"HTTP/1.1 206 Partial Content\r\nX-Padding: {new string('p', 5000)}\r\n\r\n"), Close: false));

        var e = Assert.Throws<DownloadRefusedException>(() => _client.Get(server.Url("/fw/app.pe"), Token, 0, _buffer, 0, 100, out _));

        Assert.Contains("header block over 4096 bytes", e.Message);
    }

    [Theory]
    [InlineData("Content-Range: bytes 100-199/5000\r\nContent-Length: 100\r\n", "without a usable Content-Range")]
    [InlineData("Content-Length: 100\r\n", "without a usable Content-Range")]
    [InlineData("Content-Range: bytes 0-99/5000\r\nContent-Length: 90\r\n", "Content-Length 90")]
    [InlineData("Content-Range: bytes 0-99/5000\r\nContent-Length: 1e2\r\n", "Content-Length that is not a number")]
    public void A_206_whose_framing_does_not_fit_the_range_is_a_refusal(string headers, string problem)
    {
        var server = Serve(_ => new ScriptedAnswer(Encoding.ASCII.GetBytes($"HTTP/1.1 206 Partial Content\r\n{headers}\r\n"), Close: false));

        var e = Assert.Throws<DownloadRefusedException>(() => _client.Get(server.Url("/fw/app.pe"), Token, 0, _buffer, 0, 100, out _));

        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Header_names_are_case_insensitive()
    {
        var server = Serve(_ => new ScriptedAnswer(Encoding.ASCII.GetBytes("HTTP/1.1 206 Partial Content\r\ncontent-range:bytes 0-4/5000\r\nCONTENT-LENGTH:   5 \r\n\r\nabcde"), Close: false));

        int read = _client.Get(server.Url("/fw/app.pe"), Token, 0, _buffer, 0, 5, out long total);

        Assert.Equal((5, 5000L), (read, total));
        Assert.Equal("abcde"u8.ToArray(), _buffer[..5]);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/fw/app.pe", "neither an http:// nor an https:// URL")]
    [InlineData("http:///fw/app.pe", "has no host")]
    [InlineData("http://127.0.0.1:99999/fw/app.pe", "no port from 1 to 65535")]
    [InlineData("http://127.0.0.1:8080/fw/app pe", "a character a request cannot carry")]
    public void A_URL_the_client_cannot_ask_is_a_refusal(string url, string problem)
    {
        var e = Assert.Throws<DownloadRefusedException>(() => _client.Get(url, Token, 0, _buffer, 0, 100, out _));

        Assert.Equal(0, e.StatusCode);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Over_TLS_the_ranges_share_one_handshake_with_a_server_the_given_CA_signed()
    {
        using var certificates = new TestTlsCertificates("range");
        var server = Serve(r => ScriptedHttpServer.Range(r, Content), certificates.Server);
        var client = new KeepAliveRangeClient(new TcpStreamConnector(certificates.Ca, TimeSpan.FromSeconds(10)));
        string url = server.Url("/fw/app.pe");

        client.Get(url, Token, 0, _buffer, 0, 500, out _);
        long first = server.WireBytes;
        for (int start = 500; start < Content.Length; start += 500)
        {
            int read = client.Get(url, Token, start, _buffer, 0, 500, out _);
            Assert.Equal(Content[start..(start + 500)], _buffer[..read]);
        }

        long perRange = (server.WireBytes - first) / 9;
        client.Close();

        Assert.Equal(1, server.Connections);
        output.WriteLine($"TLS 1.2, 500 B ranges: the first range {first} B on the wire (handshake included), each further one {perRange} B; a connection per range would cost about {first - perRange} B more each");
    }

    [Fact]
    public void Over_TLS_a_download_redirected_to_a_store_costs_one_handshake_with_each_host()
    {
        using var certificates = new TestTlsCertificates("store");
        var store = Serve(r => ScriptedHttpServer.Range(r, Content), certificates.Server);
        var cloud = Serve(r => ScriptedHttpServer.Status(307, "Temporary Redirect", $"Location: {store.Url("/bucket/app.pe?X-Amz-Signature=0123456789abcdef")}\r\n"), certificates.Server);
        var client = new KeepAliveRangeClient(new TcpStreamConnector(certificates.Ca, TimeSpan.FromSeconds(10)));

        for (int start = 0; start < Content.Length; start += 500)
        {
            int read = client.Get(cloud.Url("/fw/app.pe"), Token, start, _buffer, 0, 500, out _);
            Assert.Equal(Content[start..(start + 500)], _buffer[..read]);
        }

        client.Close();
        long once = cloud.WireBytes + store.WireBytes;

        Assert.Equal((1, 1), (cloud.Connections, store.Connections));
        Assert.Single(cloud.Requests);

        // For the figure only: closing after every range asks the cloud and opens both connections each time.
        for (int start = 0; start < Content.Length; start += 500)
        {
            client.Get(cloud.Url("/fw/app.pe"), Token, start, _buffer, 0, 500, out _);
            client.Close();
        }

        output.WriteLine($"TLS 1.2, one-certificate chains, 10 ranges of 500 B: {once} B on the wire redirected once, {cloud.WireBytes + store.WireBytes - once} B redirected and connected per range");
    }

    [Fact]
    public void A_TLS_server_the_given_CA_did_not_sign_is_a_transport_failure()
    {
        using var trusted = new TestTlsCertificates("trusted");
        using var other = new TestTlsCertificates("other");
        var server = Serve(r => ScriptedHttpServer.Range(r, Content), other.Server);
        var client = new KeepAliveRangeClient(new TcpStreamConnector(trusted.Ca, TimeSpan.FromSeconds(10)));

        var e = Assert.Throws<DownloadTransportException>(() => client.Get(server.Url("/fw/app.pe"), Token, 0, _buffer, 0, 100, out _));

        Assert.StartsWith("TLS connection to 127.0.0.1:", e.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void No_server_listening_is_a_transport_failure()
    {
        var gone = Serve(r => ScriptedHttpServer.Range(r, Content));
        string url = gone.Url("/fw/app.pe");
        gone.Dispose();

        Assert.Throws<DownloadTransportException>(() => _client.Get(url, Token, 0, _buffer, 0, 100, out _));
    }

    public void Dispose()
    {
        _client.Close();
        foreach (var server in _servers)
        {
            server.Dispose();
        }
    }

    // The server's close reaches the client's socket asynchronously; a short pause lets the FIN arrive (not a timing assertion).
    private static void WaitUntilClosedByServer() => Thread.Sleep(200);

    private ScriptedHttpServer Serve(Func<ScriptedRequest, ScriptedAnswer> answer, X509Certificate2? certificate = null)
    {
        var server = new ScriptedHttpServer(answer, certificate);
        _servers.Add(server);
        return server;
    }
}
