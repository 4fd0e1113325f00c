using NordicIoT.Mqtt.Protocol;

namespace NordicIoT.Mqtt.Tests.Protocol;

public sealed class PacketReaderTests
{
    [Fact]
    public async Task Reads_consecutive_packets_and_null_at_a_clean_end()
    {
        var reader = ReaderOver([0x20, 0x02, 0x00, 0x00, 0xD0, 0x00]);

        var connAck = await reader.ReadAsync(CancellationToken.None);
        var pingResp = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(PacketType.ConnAck, connAck!.Type);
        Assert.Equal([0x00, 0x00], connAck.Body);
        Assert.Equal(PacketType.PingResp, pingResp!.Type);
        Assert.Empty(pingResp.Body);
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Multi_byte_remaining_length_is_decoded()
    {
        var body = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        var reader = ReaderOver([0x30, 0xC8, 0x01, .. body]);

        var packet = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(body, packet!.Body);
    }

    [Fact]
    public async Task A_fifth_length_byte_is_malformed()
    {
        var reader = ReaderOver([0x30, 0x80, 0x80, 0x80, 0x80, 0x01]);

        var error = await Assert.ThrowsAsync<MqttException>(() => reader.ReadAsync(CancellationToken.None));
        Assert.Contains("four bytes", error.Message);
    }

    [Fact]
    public async Task A_packet_above_the_limit_is_refused_before_reading_its_body()
    {
        var reader = ReaderOver([0x30, 0x81, 0x01], maxPacketSize: 128);

        var error = await Assert.ThrowsAsync<MqttException>(() => reader.ReadAsync(CancellationToken.None));
        Assert.Contains("129-byte", error.Message);
    }

    [Fact]
    public async Task A_stream_ending_inside_a_packet_is_an_error()
    {
        var reader = ReaderOver([0x30, 0x05, 0x00]);

        await Assert.ThrowsAsync<EndOfStreamException>(() => reader.ReadAsync(CancellationToken.None));
    }

    private static PacketReader ReaderOver(byte[] bytes, int maxPacketSize = 1024) => new(new MemoryStream(bytes), maxPacketSize);
}
