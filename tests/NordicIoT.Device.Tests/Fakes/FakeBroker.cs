using NordicIoT.Device.Transport;

namespace NordicIoT.Device.Tests.Fakes;

/// <summary>A publish the fake broker received: on which connection, its packet id, topic and a copy of the payload.</summary>
public sealed record ReceivedPublish(int Connection, ushort PacketId, string Topic, byte[] Payload);

/// <summary>An in-memory stand-in for an MQTT broker, for unit tests of the device runtime.</summary>
/// <remarks>
/// It serves one client (<see cref="CreateTransport"/>) the way the device sees Mosquitto or AWS IoT: QoS 1 publishes
/// are acknowledged at once (<see cref="AutoAcknowledge"/>) or when the test says so, retained messages are held
/// and delivered on subscribe, the test can drop the connection or refuse connects. It is a test double of a broker's
/// behaviour towards one client, not a protocol implementation; the real-broker tests are in
/// NordicIoT.Device.FunctionalTests. Events are raised outside the broker's lock, on the calling thread.
/// </remarks>
public sealed class FakeBroker
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, byte[]> _retained = new(StringComparer.Ordinal);
    private readonly List<ReceivedPublish> _published = [];
    private readonly List<ushort> _unacknowledged = [];
    private readonly List<string> _subscriptions = [];
    private readonly List<long> _attemptTimes = [];
    private FakeTransport? _client;
    private int _connection;

    /// <summary>PUBACK every QoS 1 publish as soon as it arrives; when false the test calls <see cref="Acknowledge"/>.</summary>
    public bool AutoAcknowledge { get; set; } = true;

    /// <summary>Refuse every connect (broker down, network gone).</summary>
    public bool RefuseConnections { get; set; }

    /// <summary>Where connect attempts read the time they are logged at (the device's uptime, in tests).</summary>
    public Func<long> Clock { get; set; } = () => 0;

    /// <summary>Connects tried, refused ones included.</summary>
    public int ConnectAttempts { get; private set; }

    /// <summary>When each connect was tried, per <see cref="Clock"/>.</summary>
    public IReadOnlyList<long> ConnectAttemptTimes
    {
        get
        {
            lock (_lock)
            {
                return [.. _attemptTimes];
            }
        }
    }

    /// <summary>Connects that succeeded.</summary>
    public int Connections { get; private set; }

    /// <summary>Most publishes that were waiting for a PUBACK at the same time.</summary>
    public int MaxUnacknowledged { get; private set; }

    /// <summary>Client id, clean-session flag and keep-alive of the last successful connect.</summary>
    public (string ClientId, bool CleanSession, int KeepAlive) LastConnect { get; private set; }

    /// <summary>True while the client is connected.</summary>
    public bool IsClientConnected
    {
        get
        {
            lock (_lock)
            {
                return _client is { IsConnected: true };
            }
        }
    }

    /// <summary>Every publish received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedPublish> Published
    {
        get
        {
            lock (_lock)
            {
                return [.. _published];
            }
        }
    }

    /// <summary>Topic filters the current connection subscribed to.</summary>
    public IReadOnlyList<string> Subscriptions
    {
        get
        {
            lock (_lock)
            {
                return [.. _subscriptions];
            }
        }
    }

    /// <summary>Packet ids waiting for their PUBACK, oldest first.</summary>
    public int Unacknowledged
    {
        get
        {
            lock (_lock)
            {
                return _unacknowledged.Count;
            }
        }
    }

    /// <summary>The transport the device uses to reach this broker.</summary>
    public FakeTransport CreateTransport() => new(this);

    /// <summary>Publishes a retained message as the cloud would: kept for later subscribers and delivered to the client if it is subscribed.</summary>
    public void PublishRetained(string topic, byte[] payload)
    {
        FakeTransport? deliverTo;
        lock (_lock)
        {
            _retained[topic] = payload;
            deliverTo = _client is { IsConnected: true } && _subscriptions.Contains(topic) ? _client : null;
        }

        deliverTo?.RaiseMessage(topic, payload, true);
    }

    /// <summary>Sends PUBACKs for the <paramref name="count"/> oldest unacknowledged publishes.</summary>
    public void Acknowledge(int count = 1)
    {
        for (int i = 0; i < count; i++)
        {
            FakeTransport? client;
            ushort id;
            lock (_lock)
            {
                if (_unacknowledged.Count == 0 || _client is not { IsConnected: true })
                {
                    return;
                }

                id = _unacknowledged[0];
                _unacknowledged.RemoveAt(0);
                client = _client;
            }

            client.RaiseAcknowledged(id);
        }
    }

    /// <summary>Sends the PUBACK of one particular publish, out of order.</summary>
    public void AcknowledgePacket(ushort packetId)
    {
        FakeTransport client;
        lock (_lock)
        {
            if (!_unacknowledged.Remove(packetId) || _client is not { IsConnected: true })
            {
                throw new InvalidOperationException($"packet {packetId} is not waiting for a PUBACK");
            }

            client = _client;
        }

        client.RaiseAcknowledged(packetId);
    }

    /// <summary>Cuts the connection as a broker restart or network loss would; unacknowledged publishes are lost.</summary>
    public void DropConnection(string reason = "connection reset by broker")
    {
        FakeTransport? client;
        lock (_lock)
        {
            client = _client is { IsConnected: true } ? _client : null;
            _client = null;
            _unacknowledged.Clear();
            _subscriptions.Clear();
        }

        client?.RaiseConnectionLost(reason);
    }

    internal int Connect(FakeTransport client, string clientId, bool cleanSession, int keepAliveSeconds)
    {
        lock (_lock)
        {
            ConnectAttempts++;
            _attemptTimes.Add(Clock());
            if (RefuseConnections)
            {
                throw new MqttTransportException("connection refused: broker unavailable");
            }

            Connections++;
            LastConnect = (clientId, cleanSession, keepAliveSeconds);
            _client = client;
            _unacknowledged.Clear();
            _subscriptions.Clear();
            return ++_connection;
        }
    }

    internal void Subscribe(FakeTransport client, string topic)
    {
        byte[]? retained;
        lock (_lock)
        {
            RequireConnected(client);
            _subscriptions.Add(topic);
            retained = _retained.GetValueOrDefault(topic);
        }

        if (retained != null)
        {
            client.RaiseMessage(topic, retained, true);
        }
    }

    internal void Publish(FakeTransport client, int connection, ushort packetId, string topic, byte[] payload, int qos)
    {
        bool acknowledgeNow;
        lock (_lock)
        {
            RequireConnected(client);
            _published.Add(new ReceivedPublish(connection, packetId, topic, payload));
            acknowledgeNow = qos == 1 && AutoAcknowledge;
            if (qos == 1 && !acknowledgeNow)
            {
                _unacknowledged.Add(packetId);
                MaxUnacknowledged = Math.Max(MaxUnacknowledged, _unacknowledged.Count);
            }
        }

        if (acknowledgeNow)
        {
            MaxUnacknowledged = Math.Max(MaxUnacknowledged, 1);
            client.RaiseAcknowledged(packetId);
        }
    }

    internal void Disconnect(FakeTransport client)
    {
        lock (_lock)
        {
            if (_client == client)
            {
                _client = null;
                _unacknowledged.Clear();
                _subscriptions.Clear();
            }
        }
    }

    private void RequireConnected(FakeTransport client)
    {
        if (_client != client)
        {
            throw new MqttTransportException("not connected");
        }
    }
}
