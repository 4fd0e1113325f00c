using NordicIoT.Device.Transport;
using NordicIoT.Mqtt;

namespace NordicIoT.Device.Host.Mqtt;

/// <summary>Runs the device library's <see cref="IMqttTransport"/> over the host MQTT client, as M2Mqtt does on the board.</summary>
/// <remarks>
/// The interface is synchronous like M2Mqtt, so each call blocks until the client has written the packet (and, for
/// Subscribe, until SUBACK), at most <see cref="OperationTimeout"/>. Events come from the client's reader task; as with
/// M2Mqtt, PublishAcknowledged can arrive before Publish has returned that packet id, so a caller that matches ids
/// records them under a lock its handler also takes.
/// </remarks>
public sealed class MqttClientTransport : IMqttTransport, IDisposable
{
    private readonly MqttClient _client;

    /// <summary>Creates the transport for the broker and credentials in <paramref name="options"/>.</summary>
    public MqttClientTransport(MqttClientOptions options)
    {
        _client = new MqttClient(options);
        _client.MessageReceived += (_, e) => MessageReceived?.Invoke(e.Message.Topic, e.Message.Payload, e.Message.Retain);
        _client.PublishAcknowledged += (_, e) => PublishAcknowledged?.Invoke(e.PacketId);
        _client.ConnectionLost += (_, e) => ConnectionLost?.Invoke(e.Reason);
    }

    /// <inheritdoc/>
    public event MqttMessageHandler? MessageReceived;

    /// <inheritdoc/>
    public event MqttPublishAckHandler? PublishAcknowledged;

    /// <inheritdoc/>
    public event MqttConnectionLostHandler? ConnectionLost;

    /// <summary>How long Publish may wait for a free inflight slot and Subscribe for SUBACK before failing.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc/>
    public bool IsConnected => _client.IsConnected;

    /// <inheritdoc/>
    public void Connect(string clientId, bool cleanSession, int keepAliveSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepAliveSeconds);
        var connect = new MqttConnectOptions(clientId)
        {
            CleanSession = cleanSession,
            KeepAlive = TimeSpan.FromSeconds(keepAliveSeconds),
        };
        Run(token => _client.ConnectAsync(connect, token), "connect");
    }

    /// <inheritdoc/>
    public ushort Publish(string topic, byte[] payload, int length, int qos, bool retain)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, payload.Length);
        var level = ToQos(qos);
        // The caller may reuse its buffer as soon as Publish returns; the packet is built from it before that.
        var receipt = Run(token => _client.PublishAsync(topic, payload.AsMemory(0, length), level, retain, token), $"publish to {topic}");
        return receipt.PacketId;
    }

    /// <inheritdoc/>
    public void Subscribe(string topic, int qos)
    {
        var level = ToQos(qos);
        Run(token => _client.SubscribeAsync(topic, level, token), $"subscribe to {topic}");
    }

    /// <inheritdoc/>
    public void Disconnect() => Run(token => _client.DisconnectAsync(token), "disconnect");

    /// <summary>Disconnects if connected.</summary>
    public void Dispose() => Disconnect();

    private static MqttQos ToQos(int qos) => qos switch
    {
        0 => MqttQos.AtMostOnce,
        1 => MqttQos.AtLeastOnce,
        _ => throw new ArgumentOutOfRangeException(nameof(qos), qos, "QoS must be 0 or 1 (AWS IoT Core has no QoS 2)."),
    };

    private void Run(Func<CancellationToken, Task> operation, string what) => Run(async token =>
    {
        await operation(token).ConfigureAwait(false);
        return true;
    }, what);

    private T Run<T>(Func<CancellationToken, Task<T>> operation, string what)
    {
        using var timeout = new CancellationTokenSource(OperationTimeout);
        try
        {
            return operation(timeout.Token).GetAwaiter().GetResult();
        }
        catch (MqttException e)
        {
            throw new MqttTransportException($"MQTT {what} failed: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            throw new MqttTransportException($"MQTT {what} did not complete within {OperationTimeout.TotalSeconds:0.#} s.", e);
        }
    }
}
