using NordicIoT.Device.Platform;
using NordicIoT.Device.Transport;

namespace NordicIoT.Benchmarks.Device;

/// <summary>A broker stand-in that acknowledges every publish at once and counts the MQTT bytes each way, keep-alive pings included.</summary>
/// <remarks>
/// Pings follow the client rule of MQTT 3.1.1 §3.1.2.10: a PINGREQ whenever the keep-alive passed without the client
/// sending anything. Counting allocates nothing, so the transport can sit under allocation measurements too.
/// </remarks>
public sealed class WireCountingTransport(IClock clock) : IMqttTransport
{
    private ushort _nextId;
    private long _lastSent;
    private long _keepAliveMs;

    // This broker never sends messages or drops the session.
    public event MqttMessageHandler? MessageReceived
    {
        add { }
        remove { }
    }

    public event MqttPublishAckHandler? PublishAcknowledged;

    public event MqttConnectionLostHandler? ConnectionLost
    {
        add { }
        remove { }
    }

    /// <summary>Called for every publish with its topic, payload and length (before it is acknowledged).</summary>
    public Action<string, byte[], int>? Published { get; set; }

    public bool IsConnected { get; private set; }

    /// <summary>CONNECT, CONNACK, SUBSCRIBE, SUBACK and DISCONNECT bytes.</summary>
    public long SessionBytes { get; private set; }

    /// <summary>PINGREQ and PINGRESP bytes.</summary>
    public long PingBytes { get; private set; }

    /// <summary>Keep-alive round trips.</summary>
    public long Pings { get; private set; }

    public void Connect(string clientId, bool cleanSession, int keepAliveSeconds)
    {
        SessionBytes += MqttPacketSizes.Connect(clientId) + MqttPacketSizes.ConnAck;
        _keepAliveMs = keepAliveSeconds * 1000L;
        _lastSent = clock.UptimeMilliseconds;
        _nextId = 0;
        IsConnected = true;
    }

    public ushort Publish(string topic, byte[] payload, int length, int qos, bool retain)
    {
        Sent();
        Published?.Invoke(topic, payload, length);
        _nextId = (ushort)(_nextId == ushort.MaxValue ? 1 : _nextId + 1);
        PublishAcknowledged?.Invoke(_nextId);
        return _nextId;
    }

    public void Subscribe(string topic, int qos)
    {
        Sent();
        SessionBytes += MqttPacketSizes.Subscribe(topic) + MqttPacketSizes.SubAck;
    }

    public void Disconnect()
    {
        if (IsConnected)
        {
            Sent();
            SessionBytes += MqttPacketSizes.Disconnect;
            IsConnected = false;
        }
    }

    /// <summary>Counts the pings of the idle time up to now (call at the end of a measured period).</summary>
    public void CountPingsUntilNow()
    {
        if (!IsConnected || _keepAliveMs == 0)
        {
            return;
        }

        long now = clock.UptimeMilliseconds;
        while (_lastSent + _keepAliveMs <= now)
        {
            _lastSent += _keepAliveMs;
            Pings++;
            PingBytes += MqttPacketSizes.PingRoundTrip;
        }
    }

    private void Sent()
    {
        CountPingsUntilNow();
        _lastSent = clock.UptimeMilliseconds;
    }
}
