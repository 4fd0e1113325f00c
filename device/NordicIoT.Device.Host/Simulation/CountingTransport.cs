using System.Diagnostics;
using NordicIoT.Device.Transport;

namespace NordicIoT.Device.Host.Simulation;

/// <summary>Passes everything through to another transport while counting publishes, PUBACKs and losses, and timing each acknowledgement.</summary>
/// <remarks>
/// A PUBACK can arrive before Publish has returned its packet id (the host client raises it on its reader task), so
/// an acknowledgement with no recorded send is kept until Publish returns and then matched.
/// </remarks>
public sealed class CountingTransport : IMqttTransport
{
    private readonly IMqttTransport _inner;
    private readonly DeviceCounters _counters;
    private readonly LatencyHistogram _latency;
    private readonly Lock _lock = new();
    private readonly Dictionary<ushort, long> _sentAt = [];
    private readonly Dictionary<ushort, long> _earlyAcks = [];

    /// <summary>Counts into <paramref name="counters"/> and times acknowledgements into <paramref name="latency"/>.</summary>
    public CountingTransport(IMqttTransport inner, DeviceCounters counters, LatencyHistogram latency)
    {
        _inner = inner;
        _counters = counters;
        _latency = latency;
        inner.MessageReceived += (topic, payload, retained) => MessageReceived?.Invoke(topic, payload, retained);
        inner.PublishAcknowledged += OnAcknowledged;
        inner.ConnectionLost += OnConnectionLost;
    }

    /// <inheritdoc/>
    public event MqttMessageHandler? MessageReceived;

    /// <inheritdoc/>
    public event MqttPublishAckHandler? PublishAcknowledged;

    /// <inheritdoc/>
    public event MqttConnectionLostHandler? ConnectionLost;

    /// <inheritdoc/>
    public bool IsConnected => _inner.IsConnected;

    /// <summary>Publishes sent on the current session and not acknowledged yet.</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _sentAt.Count;
            }
        }
    }

    /// <inheritdoc/>
    public void Connect(string clientId, bool cleanSession, int keepAliveSeconds)
    {
        ForgetInFlight();
        try
        {
            _inner.Connect(clientId, cleanSession, keepAliveSeconds);
        }
        catch (MqttTransportException)
        {
            _counters.AddConnectFailure();
            throw;
        }

        _counters.AddConnect();
    }

    /// <inheritdoc/>
    public ushort Publish(string topic, byte[] payload, int length, int qos, bool retain)
    {
        long start = Stopwatch.GetTimestamp();
        ushort id = _inner.Publish(topic, payload, length, qos, retain);
        _counters.AddPublished();
        if (qos == 0)
        {
            return id;
        }

        lock (_lock)
        {
            if (_earlyAcks.Remove(id, out long ackedAt))
            {
                _latency.Record(Stopwatch.GetElapsedTime(start, ackedAt));
            }
            else
            {
                _sentAt[id] = start;
            }
        }

        return id;
    }

    /// <inheritdoc/>
    public void Subscribe(string topic, int qos) => _inner.Subscribe(topic, qos);

    /// <inheritdoc/>
    public void Disconnect()
    {
        ForgetInFlight();
        _inner.Disconnect();
    }

    private void OnAcknowledged(ushort packetId)
    {
        long now = Stopwatch.GetTimestamp();
        _counters.AddAcknowledged();
        lock (_lock)
        {
            if (_sentAt.Remove(packetId, out long start))
            {
                _latency.Record(Stopwatch.GetElapsedTime(start, now));
            }
            else
            {
                _earlyAcks[packetId] = now;
            }
        }

        PublishAcknowledged?.Invoke(packetId);
    }

    private void OnConnectionLost(string reason)
    {
        ForgetInFlight();
        ConnectionLost?.Invoke(reason);
    }

    // Nothing unacknowledged survives a session (packet ids start over with the next one).
    private void ForgetInFlight()
    {
        lock (_lock)
        {
            _counters.AddLost(_sentAt.Count);
            _sentAt.Clear();
            _earlyAcks.Clear();
        }
    }
}
