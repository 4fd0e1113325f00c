using System.Buffers.Binary;
using System.Text;

namespace NordicIoT.Mqtt.Protocol;

/// <summary>Builds complete MQTT 3.1.1 packets (fixed header included) as single byte arrays, written with one call each.</summary>
internal static class PacketEncoder
{
    /// <summary>The largest remaining length the four-byte variable length field can express.</summary>
    public const int MaxRemainingLength = 268_435_455;

    private const byte ProtocolLevel311 = 4;
    private const byte CleanSessionFlag = 0x02;
    private static readonly byte[] ProtocolName = "\0\u0004MQTT"u8.ToArray();

    /// <summary>PINGREQ has no body.</summary>
    public static ReadOnlyMemory<byte> PingReq { get; } = new byte[] { (byte)PacketType.PingReq << 4, 0 };

    /// <summary>DISCONNECT has no body.</summary>
    public static ReadOnlyMemory<byte> Disconnect { get; } = new byte[] { (byte)PacketType.Disconnect << 4, 0 };

    /// <summary>CONNECT without user name, password or will (identity comes from the client certificate).</summary>
    public static byte[] Connect(string clientId, bool cleanSession, ushort keepAliveSeconds)
    {
        var id = EncodeString(clientId, nameof(clientId));
        var packet = new PacketBuilder(PacketType.Connect, 0, ProtocolName.Length + 4 + id.Length);
        packet.Write(ProtocolName);
        packet.WriteByte(ProtocolLevel311);
        packet.WriteByte(cleanSession ? CleanSessionFlag : (byte)0);
        packet.WriteUInt16(keepAliveSeconds);
        packet.Write(id);
        return packet.Done();
    }

    /// <summary>PUBLISH; <paramref name="packetId"/> is written only for QoS 1.</summary>
    public static byte[] Publish(string topic, ReadOnlySpan<byte> payload, MqttQos qos, bool retain, ushort packetId)
    {
        var name = EncodeString(topic, nameof(topic));
        var idLength = qos == MqttQos.AtMostOnce ? 0 : 2;
        var flags = (byte)(((byte)qos << 1) | (retain ? 1 : 0));
        var packet = new PacketBuilder(PacketType.Publish, flags, (long)name.Length + idLength + payload.Length);
        packet.Write(name);
        if (idLength != 0)
        {
            packet.WriteUInt16(packetId);
        }

        packet.Write(payload);
        return packet.Done();
    }

    /// <summary>PUBACK for a received QoS 1 PUBLISH.</summary>
    public static byte[] PubAck(ushort packetId)
    {
        var packet = new PacketBuilder(PacketType.PubAck, 0, 2);
        packet.WriteUInt16(packetId);
        return packet.Done();
    }

    /// <summary>SUBSCRIBE for one topic filter (fixed-header flags 0010 are required by the spec).</summary>
    public static byte[] Subscribe(ushort packetId, string topicFilter, MqttQos qos)
    {
        var filter = EncodeString(topicFilter, nameof(topicFilter));
        var packet = new PacketBuilder(PacketType.Subscribe, 0x02, 2 + filter.Length + 1);
        packet.WriteUInt16(packetId);
        packet.Write(filter);
        packet.WriteByte((byte)qos);
        return packet.Done();
    }

    /// <summary>A UTF-8 string with its two-byte big-endian length prefix.</summary>
    private static byte[] EncodeString(string value, string parameterName)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException($"'{value[..32]}...' is {length} bytes in UTF-8; MQTT strings hold at most 65535.", parameterName);
        }

        var encoded = new byte[2 + length];
        BinaryPrimitives.WriteUInt16BigEndian(encoded, (ushort)length);
        Encoding.UTF8.GetBytes(value, encoded.AsSpan(2));
        return encoded;
    }

    /// <summary>Writes one packet front to back into an array sized exactly for it.</summary>
    private ref struct PacketBuilder
    {
        private readonly byte[] _buffer;
        private int _position;

        public PacketBuilder(PacketType type, byte flags, long remainingLength)
        {
            if (remainingLength > MaxRemainingLength)
            {
                throw new ArgumentException(
                    $"The packet would be {remainingLength} bytes; MQTT allows at most {MaxRemainingLength} after the fixed header.");
            }

            var length = (int)remainingLength;
            _buffer = new byte[1 + RemainingLengthSize(length) + length];
            _buffer[0] = (byte)(((byte)type << 4) | flags);
            _position = 1;
            do
            {
                var digit = (byte)(length % 128);
                length /= 128;
                WriteByte(length > 0 ? (byte)(digit | 0x80) : digit);
            }
            while (length > 0);
        }

        public void WriteByte(byte value) => _buffer[_position++] = value;

        public void WriteUInt16(ushort value)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_position), value);
            _position += 2;
        }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_buffer.AsSpan(_position));
            _position += bytes.Length;
        }

        public readonly byte[] Done() => _position == _buffer.Length
            ? _buffer
            : throw new InvalidOperationException($"Packet sized {_buffer.Length} bytes but {_position} were written.");

        private static int RemainingLengthSize(int length) => length switch
        {
            < 128 => 1,
            < 16_384 => 2,
            < 2_097_152 => 3,
            _ => 4,
        };
    }
}
