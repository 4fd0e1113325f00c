using System.Buffers.Binary;
using System.Text;

namespace NordicIoT.Mqtt.Protocol;

/// <summary>Decodes the bodies of the packets a broker sends to a client, rejecting anything malformed with <see cref="MqttException"/>.</summary>
internal static class PacketDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>The CONNACK return code (the session-present flag is not used: every session here is handled the same way).</summary>
    public static MqttConnectReturnCode ConnAck(IncomingPacket packet)
    {
        Expect(packet, PacketType.ConnAck, 0, 2);
        return (MqttConnectReturnCode)packet.Body[1];
    }

    /// <summary>The packet id of a PUBACK.</summary>
    public static ushort PubAck(IncomingPacket packet)
    {
        Expect(packet, PacketType.PubAck, 0, 2);
        return BinaryPrimitives.ReadUInt16BigEndian(packet.Body);
    }

    /// <summary>Checks a PINGRESP.</summary>
    public static void PingResp(IncomingPacket packet) => Expect(packet, PacketType.PingResp, 0, 0);

    /// <summary>The packet id and the one return code of a SUBACK for a single-filter SUBSCRIBE.</summary>
    public static (ushort PacketId, byte ReturnCode) SubAck(IncomingPacket packet)
    {
        Expect(packet, PacketType.SubAck, 0, 3);
        return (BinaryPrimitives.ReadUInt16BigEndian(packet.Body), packet.Body[2]);
    }

    /// <summary>An incoming PUBLISH and its packet id (0 for QoS 0).</summary>
    public static (MqttMessage Message, ushort PacketId) Publish(IncomingPacket packet)
    {
        var qos = (packet.Flags >> 1) & 0x03;
        if (qos > (int)MqttQos.AtLeastOnce)
        {
            throw new MqttException($"The broker sent a PUBLISH with QoS {qos}; this client subscribes with QoS 0 or 1 only.");
        }

        var body = packet.Body;
        if (body.Length < 2)
        {
            throw Malformed("PUBLISH shorter than its topic length");
        }

        var topicLength = BinaryPrimitives.ReadUInt16BigEndian(body);
        var idLength = qos == 0 ? 0 : 2;
        if (body.Length < 2 + topicLength + idLength)
        {
            throw Malformed($"PUBLISH of {body.Length} bytes cannot hold a {topicLength}-byte topic");
        }

        string topic;
        try
        {
            topic = StrictUtf8.GetString(body, 2, topicLength);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed("PUBLISH topic is not valid UTF-8");
        }

        var packetId = idLength == 0 ? (ushort)0 : BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(2 + topicLength));
        if (idLength != 0 && packetId == 0)
        {
            throw Malformed("QoS 1 PUBLISH with packet id 0");
        }

        var payload = body.AsSpan(2 + topicLength + idLength).ToArray();
        var message = new MqttMessage(topic, payload, (MqttQos)qos, (packet.Flags & 0x01) != 0, (packet.Flags & 0x08) != 0);
        return (message, packetId);
    }

    private static void Expect(IncomingPacket packet, PacketType type, byte flags, int bodyLength)
    {
        if (packet.Type != type || packet.Flags != flags || packet.Body.Length != bodyLength)
        {
            throw Malformed($"{type} with flags {packet.Flags} and {packet.Body.Length} body bytes (expected flags {flags}, {bodyLength} bytes)");
        }
    }

    private static MqttException Malformed(string what) => new($"Malformed packet from the broker: {what}.");
}
