using NordicIoT.Device.Transport;

namespace NordicIoT.Device.FunctionalTests;

/// <summary>Puts a switchable network in front of a transport: while it is down connects fail, and it can cut an open connection.</summary>
internal sealed class NetworkGate : IMqttTransport
{
    private readonly IMqttTransport _inner;
    private volatile bool _down;

    public NetworkGate(IMqttTransport inner)
    {
        _inner = inner;
        inner.ConnectionLost += reason => ConnectionLost?.Invoke(reason);
    }

    public event MqttMessageHandler? MessageReceived
    {
        add => _inner.MessageReceived += value;
        remove => _inner.MessageReceived -= value;
    }

    public event MqttPublishAckHandler? PublishAcknowledged
    {
        add => _inner.PublishAcknowledged += value;
        remove => _inner.PublishAcknowledged -= value;
    }

    public event MqttConnectionLostHandler? ConnectionLost;

    /// <summary>While true, Connect fails without reaching the broker.</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public bool IsConnected => _inner.IsConnected;

    public void Connect(string clientId, bool cleanSession, int keepAliveSeconds)
    {
        if (_down)
        {
            throw new MqttTransportException("network is down");
        }

        _inner.Connect(clientId, cleanSession, keepAliveSeconds);
    }

    public ushort Publish(string topic, byte[] payload, int length, int qos, bool retain) => _inner.Publish(topic, payload, length, qos, retain);

    public void Subscribe(string topic, int qos) => _inner.Subscribe(topic, qos);

    public void Disconnect() => _inner.Disconnect();

    /// <summary>Drops the open connection the way a lost link does: whatever was sent and not acknowledged stays unacknowledged.</summary>
    public void Cut()
    {
        _inner.Disconnect();
        ConnectionLost?.Invoke("network cut");
    }
}
