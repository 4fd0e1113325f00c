using NordicIoT.Device.Transport;

namespace NordicIoT.Device.Tests.Fakes;

/// <summary>The device side of a <see cref="FakeBroker"/>: an <see cref="IMqttTransport"/> that copies each payload, like a real client building its packet.</summary>
public sealed class FakeTransport : IMqttTransport
{
    private readonly FakeBroker _broker;
    private int _connection;
    private ushort _nextPacketId;

    internal FakeTransport(FakeBroker broker)
    {
        _broker = broker;
    }

    public event MqttMessageHandler? MessageReceived;

    public event MqttPublishAckHandler? PublishAcknowledged;

    public event MqttConnectionLostHandler? ConnectionLost;

    public bool IsConnected { get; private set; }

    public void Connect(string clientId, bool cleanSession, int keepAliveSeconds)
    {
        if (IsConnected)
        {
            throw new InvalidOperationException("Connect while connected: the device must keep one session");
        }

        _connection = _broker.Connect(this, clientId, cleanSession, keepAliveSeconds);

        // Packet ids start over with every connection, as in M2Mqtt and the host client.
        _nextPacketId = 0;
        IsConnected = true;
    }

    public ushort Publish(string topic, byte[] payload, int length, int qos, bool retain)
    {
        RequireConnected();
        ushort id = 0;
        if (qos > 0)
        {
            _nextPacketId = (ushort)(_nextPacketId == ushort.MaxValue ? 1 : _nextPacketId + 1);
            id = _nextPacketId;
        }

        _broker.Publish(this, _connection, id, topic, payload.AsSpan(0, length).ToArray(), qos);
        return id;
    }

    public void Subscribe(string topic, int qos)
    {
        RequireConnected();
        _broker.Subscribe(this, topic);
    }

    public void Disconnect()
    {
        if (IsConnected)
        {
            IsConnected = false;
            _broker.Disconnect(this);
        }
    }

    internal void RaiseMessage(string topic, byte[] payload, bool retained) => MessageReceived?.Invoke(topic, payload, retained);

    internal void RaiseAcknowledged(ushort packetId) => PublishAcknowledged?.Invoke(packetId);

    internal void RaiseConnectionLost(string reason)
    {
        IsConnected = false;
        ConnectionLost?.Invoke(reason);
    }

    private void RequireConnected()
    {
        if (!IsConnected)
        {
            throw new MqttTransportException("not connected");
        }
    }
}
