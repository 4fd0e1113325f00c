using System.Net;
using System.Net.Sockets;

namespace NordicIoT.EndToEnd.Support;

/// <summary>A TCP relay on a free 127.0.0.1 port in front of another port: counts the bytes each way, and can cut connections as a dropped link would.</summary>
/// <remarks>
/// Devices reach the cloud's download endpoint through it, so the counts are what an update costs on the wire (HTTP
/// headers included, TLS not: the local stack serves plain HTTP).
/// </remarks>
public sealed class CountingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _toServer;
    private long _toClient;
    private long _cutAt = long.MaxValue;
    private long _cutEvery;
    private int _cutsLeft;
    private int _cuts;

    /// <summary>Starts relaying to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public CountingProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The port devices connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Bytes relayed from clients to the server (requests).</summary>
    public long BytesToServer => Interlocked.Read(ref _toServer);

    /// <summary>Bytes relayed from the server to clients (responses).</summary>
    public long BytesToClient => Interlocked.Read(ref _toClient);

    /// <summary>Connections cut so far.</summary>
    public int Cuts => Volatile.Read(ref _cuts);

    /// <summary>Cuts the connection carrying the response byte at which the total sent to clients passes <paramref name="afterBytesToClient"/>, <paramref name="times"/> times (the next cut waits for another <paramref name="afterBytesToClient"/> bytes).</summary>
    public void CutResponses(long afterBytesToClient, int times)
    {
        Interlocked.Exchange(ref _cutsLeft, times);
        Interlocked.Exchange(ref _cutAt, BytesToClient + afterBytesToClient);
        Interlocked.Exchange(ref _cutEvery, afterBytesToClient);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped while waiting for a connection.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                using var link = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = CopyAsync(client.GetStream(), server.GetStream(), toClient: false, link);
                var down = CopyAsync(server.GetStream(), client.GetStream(), toClient: true, link);
                await Task.WhenAny(up, down);
                await link.CancelAsync();
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
            {
                // Either side went away: so does the other, as on a real link.
            }
        }
    }

    private async Task CopyAsync(NetworkStream from, NetworkStream to, bool toClient, CancellationTokenSource link)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                int read = await from.ReadAsync(buffer, link.Token);
                if (read == 0)
                {
                    return;
                }

                if (toClient)
                {
                    long before = Interlocked.Add(ref _toClient, read) - read;
                    long cutAt = Interlocked.Read(ref _cutAt);
                    if (before + read > cutAt && Interlocked.Decrement(ref _cutsLeft) >= 0)
                    {
                        // Pass on the bytes up to the cut, then drop the connection mid-response.
                        int keep = (int)(cutAt - before);
                        await to.WriteAsync(buffer.AsMemory(0, keep), link.Token);
                        Interlocked.Add(ref _toClient, keep - read);
                        Interlocked.Exchange(ref _cutAt, Volatile.Read(ref _cutsLeft) > 0 ? BytesToClient + Interlocked.Read(ref _cutEvery) : long.MaxValue);
                        Interlocked.Increment(ref _cuts);
                        return;
                    }
                }
                else
                {
                    Interlocked.Add(ref _toServer, read);
                }

                await to.WriteAsync(buffer.AsMemory(0, read), link.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The other direction ended the relay.
        }
    }
}
