using NordicIoT.Mqtt.Connection;
using NordicIoT.Mqtt.Protocol;

namespace NordicIoT.Mqtt;

/// <summary>An MQTT 3.1.1 client over mutual TLS: QoS 0/1 publish and subscribe, keep-alive, one new connection per <see cref="ConnectAsync"/>.</summary>
/// <remarks>
/// Publish, subscribe and disconnect may be called from any thread. Events are raised on the connection's reader task,
/// in the order packets arrive; handlers must be short. A MessageReceived handler that throws closes the connection
/// (without PUBACK, so a QoS 1 message is redelivered on a persistent session) and the reason names the exception.
/// Like M2Mqtt, nothing unacknowledged survives a lost connection: callers keep their data until PUBACK.
/// </remarks>
public sealed class MqttClient : IAsyncDisposable, IConnectionEvents
{
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private volatile MqttConnection? _connection;

    /// <summary>Creates a client for the broker in <paramref name="options"/>; nothing is opened until <see cref="ConnectAsync"/>.</summary>
    public MqttClient(MqttClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>Raised for every PUBLISH received on a subscribed topic (after it, a QoS 1 message is acknowledged unless the handler deferred that).</summary>
    public event EventHandler<MqttMessageReceivedEventArgs>? MessageReceived;

    /// <summary>Raised when the broker acknowledges a QoS 1 publish; may be raised before that PublishAsync call has returned.</summary>
    public event EventHandler<MqttPublishAcknowledgedEventArgs>? PublishAcknowledged;

    /// <summary>Raised once per connection when it ends for any reason other than <see cref="DisconnectAsync"/>.</summary>
    public event EventHandler<MqttConnectionLostEventArgs>? ConnectionLost;

    /// <summary>The broker address, credentials and limits.</summary>
    public MqttClientOptions Options { get; }

    /// <summary>True between a successful connect and the disconnect or loss of that connection.</summary>
    public bool IsConnected => _connection?.IsOpen ?? false;

    /// <summary>Opens a new connection (TCP, TLS, CONNECT); throws <see cref="MqttConnectException"/> when it fails or the broker refuses.</summary>
    public async Task ConnectAsync(MqttConnectOptions connect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connect);
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsConnected)
            {
                throw new InvalidOperationException("Already connected: call DisconnectAsync first (each ConnectAsync opens a new connection).");
            }

            _connection = await ConnectionOpener.OpenAsync(Options, connect, this, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Publishes <paramref name="payload"/>; returns once the packet is written, with the packet id and a task that completes on PUBACK.</summary>
    /// <remarks>A QoS 1 publish first waits while <see cref="MqttClientOptions.MaxInflight"/> publishes are unacknowledged.</remarks>
    public Task<MqttPublishReceipt> PublishAsync(
        string topic, ReadOnlyMemory<byte> payload, MqttQos qos = MqttQos.AtLeastOnce, bool retain = false,
        CancellationToken cancellationToken = default)
    {
        TopicRules.ValidateName(topic, nameof(topic));
        ValidateQos(qos);
        return Current().PublishAsync(topic, payload, qos, retain, cancellationToken);
    }

    /// <summary>Subscribes to <paramref name="topicFilter"/> and returns the QoS the broker granted; throws <see cref="MqttException"/> when it refuses.</summary>
    public async Task<MqttQos> SubscribeAsync(
        string topicFilter, MqttQos qos = MqttQos.AtLeastOnce, CancellationToken cancellationToken = default)
    {
        TopicRules.ValidateFilter(topicFilter, nameof(topicFilter));
        ValidateQos(qos);
        var returnCode = await Current().SubscribeAsync(topicFilter, qos, cancellationToken).ConfigureAwait(false);
        return returnCode switch
        {
            0 => MqttQos.AtMostOnce,
            1 => MqttQos.AtLeastOnce,
            0x80 => throw new MqttException($"The broker refused the subscription to '{topicFilter}' (SUBACK failure 0x80: not authorized or invalid)."),
            _ => throw new MqttException($"The broker answered the subscription to '{topicFilter}' with return code {returnCode}, which MQTT 3.1.1 does not define."),
        };
    }

    /// <summary>Sends DISCONNECT and closes the connection; unacknowledged publishes fail. Does nothing when not connected.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        var connection = _connection;
        if (connection is not null)
        {
            await connection.DisconnectAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Disconnects.</summary>
    public async ValueTask DisposeAsync() => await DisconnectAsync().ConfigureAwait(false);

    void IConnectionEvents.OnMessageReceived(MqttMessageReceivedEventArgs received) => MessageReceived?.Invoke(this, received);

    void IConnectionEvents.OnPublishAcknowledged(ushort packetId) =>
        PublishAcknowledged?.Invoke(this, new MqttPublishAcknowledgedEventArgs(packetId));

    void IConnectionEvents.OnConnectionLost(string reason, Exception? exception) =>
        ConnectionLost?.Invoke(this, new MqttConnectionLostEventArgs(reason, exception));

    private MqttConnection Current()
    {
        var connection = _connection;
        if (connection is null)
        {
            throw new MqttException("Not connected: call ConnectAsync first.");
        }

        return connection.IsOpen
            ? connection
            : throw new MqttException($"Not connected: the last connection ended ({connection.CloseReason}); call ConnectAsync again.");
    }

    private static void ValidateQos(MqttQos qos)
    {
        if (!Enum.IsDefined(qos))
        {
            throw new ArgumentOutOfRangeException(nameof(qos), qos, "Only QoS 0 and 1 are supported (AWS IoT Core has no QoS 2).");
        }
    }
}
