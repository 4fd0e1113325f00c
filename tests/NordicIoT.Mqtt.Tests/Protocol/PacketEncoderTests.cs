using NordicIoT.Mqtt.Protocol;

namespace NordicIoT.Mqtt.Tests.Protocol;

public sealed class PacketEncoderTests
{
    [Fact]
    public void Connect_matches_the_3_1_1_layout()
    {
        var packet = PacketEncoder.Connect("dev1", cleanSession: true, keepAliveSeconds: 60);

        byte[] expected =
        [
            0x10, 16, // CONNECT, remaining length
            0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, // protocol name, level 4
            0x02, 0x00, 0x3C, // clean session, keep-alive 60
            0x00, 0x04, (byte)'d', (byte)'e', (byte)'v', (byte)'1',
        ];
        Assert.Equal(expected, packet);
    }

    [Fact]
    public void Connect_without_clean_session_clears_the_flag()
    {
        Assert.Equal(0x00, PacketEncoder.Connect("d", cleanSession: false, keepAliveSeconds: 0)[9]);
    }

    [Fact]
    public void Qos1_retained_publish_carries_flags_and_packet_id()
    {
        var packet = PacketEncoder.Publish("d/a/c", [0xA1, 0x01], MqttQos.AtLeastOnce, retain: true, packetId: 0x1234);

        byte[] expected = [0x33, 11, 0x00, 0x05, (byte)'d', (byte)'/', (byte)'a', (byte)'/', (byte)'c', 0x12, 0x34, 0xA1, 0x01];
        Assert.Equal(expected, packet);
    }

    [Fact]
    public void Qos0_publish_has_no_packet_id()
    {
        var packet = PacketEncoder.Publish("t", [7], MqttQos.AtMostOnce, retain: false, packetId: 99);

        Assert.Equal([0x30, 4, 0x00, 0x01, (byte)'t', 7], packet);
    }

    [Theory]
    [InlineData(3, new byte[] { 0x03 })]
    [InlineData(127, new byte[] { 0x7F })]
    [InlineData(128, new byte[] { 0x80, 0x01 })]
    [InlineData(16_383, new byte[] { 0xFF, 0x7F })]
    [InlineData(16_384, new byte[] { 0x80, 0x80, 0x01 })]
    [InlineData(2_097_152, new byte[] { 0x80, 0x80, 0x80, 0x01 })]
    public void Remaining_length_uses_the_variable_byte_encoding(int remainingLength, byte[] expected)
    {
        // A QoS 0 PUBLISH to topic "t" has 3 bytes before the payload.
        var packet = PacketEncoder.Publish("t", new byte[remainingLength - 3], MqttQos.AtMostOnce, false, 0);

        Assert.Equal(expected, packet.AsSpan(1, expected.Length).ToArray());
        Assert.Equal(1 + expected.Length + remainingLength, packet.Length);
    }

    [Fact]
    public void Subscribe_uses_the_reserved_flags_and_requested_qos()
    {
        var packet = PacketEncoder.Subscribe(7, "d/+/b", MqttQos.AtLeastOnce);

        byte[] expected = [0x82, 10, 0x00, 0x07, 0x00, 0x05, (byte)'d', (byte)'/', (byte)'+', (byte)'/', (byte)'b', 0x01];
        Assert.Equal(expected, packet);
    }

    [Fact]
    public void Fixed_packets_match_the_spec()
    {
        Assert.Equal([0x40, 0x02, 0xAB, 0xCD], PacketEncoder.PubAck(0xABCD));
        Assert.Equal([0xC0, 0x00], PacketEncoder.PingReq.ToArray());
        Assert.Equal([0xE0, 0x00], PacketEncoder.Disconnect.ToArray());
    }

    [Fact]
    public void Topics_are_utf8_with_a_byte_length_prefix()
    {
        var packet = PacketEncoder.Publish("ø", [], MqttQos.AtMostOnce, false, 0);

        Assert.Equal([0x30, 4, 0x00, 0x02, 0xC3, 0xB8], packet);
    }

    [Fact]
    public void A_topic_longer_than_65535_bytes_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(
            () => PacketEncoder.Publish(new string('a', 65_536), [], MqttQos.AtMostOnce, false, 0));
        Assert.Contains("65535", error.Message);
    }
}
