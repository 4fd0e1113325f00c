using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using NordicIoT.Mqtt.Protocol;

namespace NordicIoT.Mqtt.Connection;

/// <summary>One open MQTT connection: a reader task that dispatches incoming packets, serialized writes, and keep-alive.</summary>
/// <remarks>
/// Every way the connection can end goes through <see cref="TryMarkClosed"/>, so exactly one reason is recorded; the reader
/// task reports it (unless the client disconnected) after the last incoming message, which is why the lost event fires once.
/// </remarks>
internal sealed class MqttConnection
{
    private const string DisconnectedByClient = "disconnected by the client";
    private static readonly TimeSpan DisconnectTimeLimit = TimeSpan.FromSeconds(2);

    private readonly TcpClient _tcp;
    private readonly SslStream _stream;
    private readonly PacketReader _reader;
    private readonly IConnectionEvents _events;
    private readonly long _keepAliveMs;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly PacketIdPool _ids = new();
    private readonly InflightWindow _inflight;
    private readonly ConcurrentDictionary<ushort, TaskCompletionSource<byte>> _subscriptions = new();
    private readonly CancellationTokenSource _closed = new();
    private string? _closeReason;
    private Exception? _closeException;
    private long _lastSentMs;
    private long _lastReceivedMs;
    private long _pingSentMs;

    public MqttConnection(TcpClient tcp, SslStream stream, PacketReader reader, int maxInflight, ushort keepAliveSeconds, IConnectionEvents events)
    {
        _tcp = tcp;
        _stream = stream;
        _reader = reader;
        _events = events;
        _keepAliveMs = keepAliveSeconds * 1000L;
        _inflight = new InflightWindow(maxInflight, _ids);
        _lastSentMs = _lastReceivedMs = Environment.TickCount64;
    }

    /// <summary>True until the connection is lost or disconnected.</summary>
    public bool IsOpen => Volatile.Read(ref _closeReason) is null;

    /// <summary>Why the connection ended, or null while it is open.</summary>
    public string? CloseReason => Volatile.Read(ref _closeReason);

    /// <summary>Starts the reader and, when keep-alive is on, the ping loop.</summary>
    public void Start()
    {
        _ = Task.Run(ReadLoopAsync);
        if (_keepAliveMs > 0)
        {
            _ = Task.Run(KeepAliveLoopAsync);
        }
    }

    /// <summary>Sends a PUBLISH; for QoS 1 first waits for a slot in the inflight window.</summary>
    public async Task<MqttPublishReceipt> PublishAsync(
        string topic, ReadOnlyMemory<byte> payload, MqttQos qos, bool retain, CancellationToken cancellationToken)
    {
        if (qos == MqttQos.AtMostOnce)
        {
            await WriteAsync(PacketEncoder.Publish(topic, payload.Span, qos, retain, 0), cancellationToken).ConfigureAwait(false);
            return new MqttPublishReceipt(0, Task.CompletedTask);
        }

        using var waitForSlot = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        (ushort PacketId, Task Acknowledged) entry;
        try
        {
            entry = await _inflight.EnterAsync(waitForSlot.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw NotConnected(null);
        }

        var sent = false;
        try
        {
            await WriteAsync(PacketEncoder.Publish(topic, payload.Span, qos, retain, entry.PacketId), cancellationToken).ConfigureAwait(false);
            sent = true;
            return new MqttPublishReceipt(entry.PacketId, entry.Acknowledged);
        }
        finally
        {
            if (!sent)
            {
                _inflight.Abandon(entry.PacketId);
            }
        }
    }

    /// <summary>Subscribes to one filter and returns the return code of the SUBACK.</summary>
    public async Task<byte> SubscribeAsync(string topicFilter, MqttQos qos, CancellationToken cancellationToken)
    {
        var id = _ids.Rent();
        var answer = new TaskCompletionSource<byte>(TaskCreationOptions.RunContinuationsAsynchronously);
        _subscriptions[id] = answer;
        try
        {
            // Checked after registering: a close that ran before the registration could not have failed this subscription.
            if (!IsOpen)
            {
                throw NotConnected(null);
            }

            await WriteAsync(PacketEncoder.Subscribe(id, topicFilter, qos), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (_subscriptions.TryRemove(id, out _))
            {
                _ids.Return(id);
            }

            throw;
        }

        // If the caller stops waiting, the id stays reserved until the SUBACK arrives, so it cannot be confused with a later one.
        return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends DISCONNECT (best effort, briefly) and closes the socket; no lost event is raised.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (!TryMarkClosed(DisconnectedByClient, null))
        {
            return;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(DisconnectTimeLimit);
        try
        {
            await _writeLock.WaitAsync(limit.Token).ConfigureAwait(false);
            try
            {
                await _stream.WriteAsync(PacketEncoder.Disconnect, limit.Token).ConfigureAwait(false);
                await _stream.FlushAsync(limit.Token).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The socket is closed below either way; the broker then treats it as an unclean close, which is all that is lost.
        }
        finally
        {
            TearDown();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var packet = await _reader.ReadAsync(_closed.Token).ConfigureAwait(false);
                if (packet is null)
                {
                    Close("the broker closed the connection", null);
                    break;
                }

                Volatile.Write(ref _lastReceivedMs, Environment.TickCount64);
                await DispatchAsync(packet).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            Close(e is MqttException ? e.Message : $"reading from the broker failed: {e.Message}", e);
        }

        var reason = CloseReason!;
        if (reason != DisconnectedByClient)
        {
            _events.OnConnectionLost(reason, Volatile.Read(ref _closeException));
        }
    }

    private async Task DispatchAsync(IncomingPacket packet)
    {
        switch (packet.Type)
        {
            case PacketType.Publish:
                var (message, packetId) = PacketDecoder.Publish(packet);
                var received = new MqttMessageReceivedEventArgs(
                    message, message.Qos == MqttQos.AtLeastOnce ? new MqttDeferredAcknowledgement(this, packetId) : null);
                try
                {
                    _events.OnMessageReceived(received);
                }
                catch (Exception e)
                {
                    // Closing without PUBACK lets the broker redeliver a QoS 1 message that was not handled.
                    throw new MqttException($"A MessageReceived handler threw for topic '{message.Topic}': {e.Message}", e);
                }

                if (message.Qos == MqttQos.AtLeastOnce && !received.AcknowledgementDeferred)
                {
                    await WriteAsync(PacketEncoder.PubAck(packetId), CancellationToken.None).ConfigureAwait(false);
                }

                break;
            case PacketType.PubAck:
                var acknowledged = PacketDecoder.PubAck(packet);
                if (_inflight.Acknowledge(acknowledged))
                {
                    _events.OnPublishAcknowledged(acknowledged);
                }

                break;
            case PacketType.SubAck:
                var (subscriptionId, returnCode) = PacketDecoder.SubAck(packet);
                if (_subscriptions.TryRemove(subscriptionId, out var answer))
                {
                    _ids.Return(subscriptionId);
                    answer.TrySetResult(returnCode);
                }

                break;
            case PacketType.PingResp:
                PacketDecoder.PingResp(packet);
                Volatile.Write(ref _pingSentMs, 0);
                break;
            default:
                throw new MqttException($"The broker sent packet type {(int)packet.Type}, which a 3.1.1 client never receives.");
        }
    }

    /// <summary>Sends the PUBACK of a received message whose handler deferred it; false when this connection has ended.</summary>
    public async Task<bool> AcknowledgeAsync(ushort packetId)
    {
        try
        {
            await WriteAsync(PacketEncoder.PubAck(packetId), CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (MqttException) when (!IsOpen)
        {
            return false;
        }
    }

    private async Task KeepAliveLoopAsync()
    {
        try
        {
            while (true)
            {
                var now = Environment.TickCount64;
                var pingSent = Volatile.Read(ref _pingSentMs);
                if (pingSent != 0 && now - pingSent >= _keepAliveMs)
                {
                    Close($"no PINGRESP within the keep-alive of {_keepAliveMs / 1000} s: the connection is dead", null);
                    return;
                }

                // Ping when either direction was quiet for a whole keep-alive: the spec requires it for sending, and a
                // PINGRESP is the only way to notice a broker that silently vanished while this side only receives.
                var quietSince = Math.Min(Volatile.Read(ref _lastSentMs), Volatile.Read(ref _lastReceivedMs));
                if (pingSent == 0 && now - quietSince >= _keepAliveMs)
                {
                    Volatile.Write(ref _pingSentMs, now);
                    await WriteAsync(PacketEncoder.PingReq, CancellationToken.None).ConfigureAwait(false);
                    continue;
                }

                var due = (pingSent != 0 ? pingSent : quietSince) + _keepAliveMs;
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(10, due - now)), _closed.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or MqttException)
        {
            // The connection closed; whoever closed it recorded why.
        }
    }

    /// <summary>Writes one whole packet; once started a write is not cancelled, since half a packet would corrupt the stream.</summary>
    private async Task WriteAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        using var waitForTurn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        try
        {
            await _writeLock.WaitAsync(waitForTurn.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw NotConnected(null);
        }

        try
        {
            if (!IsOpen)
            {
                throw NotConnected(null);
            }

            await _stream.WriteAsync(packet, _closed.Token).ConfigureAwait(false);
            await _stream.FlushAsync(_closed.Token).ConfigureAwait(false);
            Volatile.Write(ref _lastSentMs, Environment.TickCount64);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            Close($"writing to the broker failed: {e.Message}", e);
            throw NotConnected(e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void Close(string reason, Exception? exception)
    {
        if (TryMarkClosed(reason, exception))
        {
            TearDown();
        }
    }

    private bool TryMarkClosed(string reason, Exception? exception)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
        {
            return false;
        }

        Volatile.Write(ref _closeException, exception);
        return true;
    }

    private void TearDown()
    {
        _closed.Cancel();
        _stream.Dispose();
        _tcp.Dispose();
        var failure = NotConnected(Volatile.Read(ref _closeException));
        _inflight.FailAll(failure);
        foreach (var id in _subscriptions.Keys)
        {
            if (_subscriptions.TryRemove(id, out var answer))
            {
                answer.TrySetException(failure);
                _ = answer.Task.Exception;
            }
        }
    }

    private MqttException NotConnected(Exception? inner) => new($"The connection is closed: {CloseReason}.", inner);
}
