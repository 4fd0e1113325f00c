using NordicIoT.Device.Transport;

namespace NordicIoT.Device.Host.Simulation;

/// <summary>A device's transport that obeys the fleet's <see cref="LinkConditions"/>: no link in a network outage, a dead broker port in a broker outage.</summary>
/// <remarks>
/// When an outage begins, an open session is closed and reported lost, as a vanished link or broker would show up on
/// the device. In a broker outage connects really go to a port nobody listens on, so the device sees the client's own
/// "connection refused" path rather than an invented error.
/// </remarks>
public sealed class FaultInjectingTransport : IMqttTransport, IDisposable
{
    private readonly IMqttTransport _broker;
    private readonly Lazy<IMqttTransport> _deadBroker;
    private readonly LinkConditions _conditions;
    private volatile IMqttTransport? _active;

    /// <summary>Uses <paramref name="broker"/> normally and, during broker outages, a transport that <paramref name="deadBroker"/> creates on first need.</summary>
    public FaultInjectingTransport(IMqttTransport broker, Func<IMqttTransport> deadBroker, LinkConditions conditions)
    {
        _broker = broker;
        _deadBroker = new Lazy<IMqttTransport>(deadBroker);
        _conditions = conditions;
        broker.MessageReceived += OnMessage;
        broker.PublishAcknowledged += OnAcknowledged;
        broker.ConnectionLost += OnConnectionLost;
        conditions.WentDown += OnWentDown;
    }

    /// <inheritdoc/>
    public event MqttMessageHandler? MessageReceived;

    /// <inheritdoc/>
    public event MqttPublishAckHandler? PublishAcknowledged;

    /// <inheritdoc/>
    public event MqttConnectionLostHandler? ConnectionLost;

    /// <inheritdoc/>
    public bool IsConnected => _active?.IsConnected ?? false;

    /// <inheritdoc/>
    public void Connect(string clientId, bool cleanSession, int keepAliveSeconds)
    {
        if (_conditions.NetworkDown)
        {
            throw new MqttTransportException("simulated network outage: no link");
        }

        var target = _conditions.BrokerDown ? _deadBroker.Value : _broker;
        _active = target;
        target.Connect(clientId, cleanSession, keepAliveSeconds);

        // An outage that began while the handshake ran found no open session to close: close it now.
        if (_conditions.NetworkDown || (_conditions.BrokerDown && target == _broker))
        {
            DisconnectQuietly(target);
            throw new MqttTransportException("simulated outage began while connecting");
        }
    }

    /// <inheritdoc/>
    public ushort Publish(string topic, byte[] payload, int length, int qos, bool retain) =>
        Current().Publish(topic, payload, length, qos, retain);

    /// <inheritdoc/>
    public void Subscribe(string topic, int qos) => Current().Subscribe(topic, qos);

    /// <inheritdoc/>
    public void Disconnect() => _active?.Disconnect();

    /// <summary>Stops following the fleet's conditions and closes the session.</summary>
    public void Dispose()
    {
        _conditions.WentDown -= OnWentDown;
        DisconnectQuietly(_broker);
        if (_deadBroker.IsValueCreated)
        {
            DisconnectQuietly(_deadBroker.Value);
        }
    }

    private IMqttTransport Current()
    {
        if (_conditions.NetworkDown)
        {
            throw new MqttTransportException("simulated network outage: no link");
        }

        return _active ?? throw new MqttTransportException("not connected");
    }

    private void OnWentDown(FaultKind kind)
    {
        var active = _active;
        if (active is null || !active.IsConnected)
        {
            return;
        }

        DisconnectQuietly(active);
        ConnectionLost?.Invoke(kind == FaultKind.NetworkOutage ? "simulated network outage" : "simulated broker outage");
    }

    private void OnMessage(string topic, byte[] payload, bool retained) => MessageReceived?.Invoke(topic, payload, retained);

    private void OnAcknowledged(ushort packetId) => PublishAcknowledged?.Invoke(packetId);

    private void OnConnectionLost(string reason) => ConnectionLost?.Invoke(reason);

    private static void DisconnectQuietly(IMqttTransport transport)
    {
        try
        {
            transport.Disconnect();
        }
        catch (MqttTransportException)
        {
            // Already closed: an outage only needs the session gone.
        }
    }
}
