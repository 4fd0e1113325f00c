using NordicIoT.Mqtt.Protocol;

namespace NordicIoT.Mqtt.Tests.Protocol;

public sealed class PacketDecoderTests
{
    [Fact]
    public void Qos1_publish_yields_topic_payload_flags_and_packet_id()
    {
        var packet = new IncomingPacket(PacketType.Publish, 0x0B, [0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x00, 0x2A, 1, 2, 3]);

        var (message, packetId) = PacketDecoder.Publish(packet);

        Assert.Equal("a/b", message.Topic);
        Assert.Equal([1, 2, 3], message.Payload);
        Assert.Equal(MqttQos.AtLeastOnce, message.Qos);
        Assert.True(message.Retain);
        Assert.True(message.Duplicate);
        Assert.Equal(42, packetId);
    }

    [Fact]
    public void Qos0_publish_has_no_packet_id_and_may_have_an_empty_payload()
    {
        var (message, packetId) = PacketDecoder.Publish(new IncomingPacket(PacketType.Publish, 0x00, [0x00, 0x01, (byte)'t']));

        Assert.Equal("t", message.Topic);
        Assert.Empty(message.Payload);
        Assert.Equal(0, packetId);
    }

    [Theory]
    [InlineData(0x04, new byte[] { 0x00, 0x01, (byte)'t', 0x00, 0x01 })] // QoS 2
    [InlineData(0x06, new byte[] { 0x00, 0x01, (byte)'t', 0x00, 0x01 })] // QoS 3
    [InlineData(0x02, new byte[] { 0x00, 0x05, (byte)'t' })] // topic longer than the body
    [InlineData(0x02, new byte[] { 0x00, 0x01, (byte)'t', 0x00 })] // no room for the packet id
    [InlineData(0x02, new byte[] { 0x00, 0x01, (byte)'t', 0x00, 0x00 })] // packet id 0
    [InlineData(0x00, new byte[] { 0x00, 0x01, 0xFF })] // topic not UTF-8
    [InlineData(0x00, new byte[] { 0x00 })] // shorter than the length prefix
    public void Malformed_publish_is_refused(byte flags, byte[] body)
    {
        Assert.Throws<MqttException>(() => PacketDecoder.Publish(new IncomingPacket(PacketType.Publish, flags, body)));
    }

    [Fact]
    public void Acknowledgements_are_decoded()
    {
        Assert.Equal(MqttConnectReturnCode.NotAuthorized, PacketDecoder.ConnAck(new IncomingPacket(PacketType.ConnAck, 0, [0, 5])));
        Assert.Equal(0x0102, PacketDecoder.PubAck(new IncomingPacket(PacketType.PubAck, 0, [1, 2])));
        Assert.Equal(((ushort)9, (byte)0x80), PacketDecoder.SubAck(new IncomingPacket(PacketType.SubAck, 0, [0, 9, 0x80])));
        PacketDecoder.PingResp(new IncomingPacket(PacketType.PingResp, 0, []));
    }

    [Fact]
    public void Acknowledgements_with_wrong_length_or_flags_are_refused()
    {
        Assert.Throws<MqttException>(() => PacketDecoder.PubAck(new IncomingPacket(PacketType.PubAck, 0, [1])));
        Assert.Throws<MqttException>(() => PacketDecoder.ConnAck(new IncomingPacket(PacketType.ConnAck, 1, [0, 0])));
        Assert.Throws<MqttException>(() => PacketDecoder.SubAck(new IncomingPacket(PacketType.SubAck, 0, [0, 9, 0, 1])));
        Assert.Throws<MqttException>(() => PacketDecoder.PingResp(new IncomingPacket(PacketType.PingResp, 0, [0])));
    }
}
