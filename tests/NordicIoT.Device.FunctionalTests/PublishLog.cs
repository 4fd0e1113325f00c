using NordicIoT.Device.Transport;

namespace NordicIoT.Device.FunctionalTests;

/// <summary>One publish the device made, and whether the broker acknowledged it.</summary>
internal sealed class DevicePublish(int connection, ushort packetId, string topic, byte[] payload)
{
    public int Connection { get; } = connection;

    public ushort PacketId { get; } = packetId;

    public string Topic { get; } = topic;

    public byte[] Payload { get; } = payload;

    public bool Acknowledged { get; set; }
}

/// <summary>Records every publish a device makes through a transport and every PUBACK it gets, matched per connection.</summary>
/// <remarks>Packet ids restart with each connection, so a PUBACK is matched to the publish of the current connection only.</remarks>
internal sealed class PublishLog : IMqttTransport
{
    private readonly IMqttTransport _inner;
    private readonly Lock _lock = new();
    private readonly List<DevicePublish> _publishes = [];
    private readonly HashSet<ushort> _earlyAcknowledgements = [];
    private int _connection;

    public PublishLog(IMqttTransport inner)
    {
        _inner = inner;
        _inner.PublishAcknowledged += OnAcknowledged;
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

    public event MqttConnectionLostHandler? ConnectionLost
    {
        add => _inner.ConnectionLost += value;
        remove => _inner.ConnectionLost -= value;
    }

    public bool IsConnected => _inner.IsConnected;

    /// <summary>Publishes so far, in order.</summary>
    public List<DevicePublish> Publishes
    {
        get
        {
            lock (_lock)
            {
                return [.. _publishes];
            }
        }
    }

    public void Connect(string clientId, bool cleanSession, int keepAliveSeconds)
    {
        lock (_lock)
        {
            _connection++;
            _earlyAcknowledgements.Clear();
        }

        _inner.Connect(clientId, cleanSession, keepAliveSeconds);
    }

    public ushort Publish(string topic, byte[] payload, int length, int qos, bool retain)
    {
        ushort id = _inner.Publish(topic, payload, length, qos, retain);
        lock (_lock)
        {
            // The client may report the PUBACK before Publish returns the packet id.
            var publish = new DevicePublish(_connection, id, topic, payload.AsSpan(0, length).ToArray())
            {
                Acknowledged = _earlyAcknowledgements.Remove(id),
            };
            _publishes.Add(publish);
        }

        return id;
    }

    public void Subscribe(string topic, int qos) => _inner.Subscribe(topic, qos);

    public void Disconnect() => _inner.Disconnect();

    private void OnAcknowledged(ushort packetId)
    {
        lock (_lock)
        {
            DevicePublish? publish = _publishes.LastOrDefault(p => p.Connection == _connection && p.PacketId == packetId && !p.Acknowledged);
            if (publish != null)
            {
                publish.Acknowledged = true;
            }
            else
            {
                _earlyAcknowledgements.Add(packetId);
            }
        }
    }
}
