namespace NordicIoT.Benchmarks.Device;

/// <summary>Sizes of MQTT 3.1.1 packets on the wire (fixed header with its variable-length remaining length, variable header, payload), TLS not included.</summary>
public static class MqttPacketSizes
{
    /// <summary>PUBACK.</summary>
    public const int PubAck = 4;

    /// <summary>PINGREQ and its PINGRESP together.</summary>
    public const int PingRoundTrip = 2 + 2;

    /// <summary>CONNACK.</summary>
    public const int ConnAck = 4;

    /// <summary>SUBACK for one topic filter.</summary>
    public const int SubAck = 5;

    /// <summary>DISCONNECT.</summary>
    public const int Disconnect = 2;

    /// <summary>CONNECT with a client id and no will, user name or password (the certificate identifies the device).</summary>
    public static int Connect(string clientId) => Packet(10 + 2 + Utf8(clientId));

    /// <summary>SUBSCRIBE to one topic filter.</summary>
    public static int Subscribe(string topic) => Packet(2 + 2 + Utf8(topic) + 1);

    /// <summary>PUBLISH of <paramref name="payloadLength"/> bytes; QoS 1 adds the 2-byte packet id.</summary>
    public static int Publish(string topic, int payloadLength, int qos) => Packet(2 + Utf8(topic) + (qos > 0 ? 2 : 0) + payloadLength);

    private static int Packet(int remaining) => 1 + RemainingLengthBytes(remaining) + remaining;

    private static int RemainingLengthBytes(int remaining) => remaining switch
    {
        < 128 => 1,
        < 16_384 => 2,
        < 2_097_152 => 3,
        _ => 4,
    };

    private static int Utf8(string text) => System.Text.Encoding.UTF8.GetByteCount(text);
}
