using NordicIoT.Device.Host.Ota;
using NordicIoT.Device.Ota;

namespace NordicIoT.Device.Tests.Ota;

/// <summary>The host's ranged GET against a real HTTP server on 127.0.0.1.</summary>
public sealed class HttpClientRangeClientTests : IDisposable
{
    private static readonly byte[] Content = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();

    private readonly RangeFileServer _server = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly HttpClientRangeClient _client;
    private readonly byte[] _buffer = new byte[2048];

    public HttpClientRangeClientTests()
    {
        _server.Add("app.pe", Content);
        _client = new HttpClientRangeClient(_http);
    }

    [Fact]
    public void A_range_comes_back_with_the_file_s_total_size_and_the_bearer_token_is_sent()
    {
        int read = _client.Get(_server.BaseUrl + "app.pe", _server.Token!, 1000, _buffer, 10, 2000, out long total);

        Assert.Equal((2000, 5000L), (read, total));
        Assert.Equal(Content[1000..3000], _buffer[10..2010]);
    }

    [Fact]
    public void The_last_range_may_be_shorter()
    {
        int read = _client.Get(_server.BaseUrl + "app.pe", _server.Token!, 4500, _buffer, 0, 2048, out _);

        Assert.Equal(500, read);
        Assert.Equal(Content[4500..], _buffer[..500]);
    }

    [Theory]
    [InlineData("wrong-token", "app.pe", 0, 401)]
    [InlineData("download-token", "missing.pe", 0, 404)]
    [InlineData("download-token", "app.pe", 6000, 416)]
    public void Answers_other_than_206_are_refusals_with_their_status(string token, string file, long start, int status)
    {
        var e = Assert.Throws<DownloadRefusedException>(() => _client.Get(_server.BaseUrl + file, token, start, _buffer, 0, 100, out _));

        Assert.Equal(status, e.StatusCode);
        Assert.StartsWith($"HTTP {status} ", e.Message);
    }

    [Fact]
    public void A_body_that_breaks_off_is_a_transport_failure()
    {
        _server.DropRequest(1, 300);

        var e = Assert.Throws<DownloadTransportException>(() => _client.Get(_server.BaseUrl + "app.pe", _server.Token!, 0, _buffer, 0, 2000, out _));
        Assert.Contains("app.pe", e.Message);
    }

    [Fact]
    public void No_server_listening_is_a_transport_failure()
    {
        var gone = new RangeFileServer();
        string url = gone.BaseUrl + "app.pe";
        gone.Dispose();

        Assert.Throws<DownloadTransportException>(() => _client.Get(url, "t", 0, _buffer, 0, 100, out _));
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }
}
