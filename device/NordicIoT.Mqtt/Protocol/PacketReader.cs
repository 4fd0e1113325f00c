namespace NordicIoT.Mqtt.Protocol;

/// <summary>Reads whole packets off a stream, refusing malformed lengths and packets above a size limit before allocating.</summary>
internal sealed class PacketReader(Stream stream, int maxPacketSize)
{
    private readonly byte[] _headerByte = new byte[1];

    /// <summary>The next packet, or null when the stream ended cleanly between packets.</summary>
    /// <exception cref="MqttException">The length field is malformed or the packet is larger than allowed.</exception>
    /// <exception cref="EndOfStreamException">The stream ended in the middle of a packet.</exception>
    public async Task<IncomingPacket?> ReadAsync(CancellationToken cancellationToken)
    {
        if (await stream.ReadAsync(_headerByte, cancellationToken).ConfigureAwait(false) == 0)
        {
            return null;
        }

        var first = _headerByte[0];
        var length = await ReadRemainingLengthAsync(cancellationToken).ConfigureAwait(false);
        if (length > maxPacketSize)
        {
            throw new MqttException($"The broker sent a {length}-byte packet; the limit is {maxPacketSize} (MaxIncomingPacketSize).");
        }

        var body = length == 0 ? [] : new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        return new IncomingPacket((PacketType)(first >> 4), (byte)(first & 0x0F), body);
    }

    private async Task<int> ReadRemainingLengthAsync(CancellationToken cancellationToken)
    {
        var value = 0;
        for (var shift = 0; shift < 28; shift += 7)
        {
            await stream.ReadExactlyAsync(_headerByte, cancellationToken).ConfigureAwait(false);
            value |= (_headerByte[0] & 0x7F) << shift;
            if ((_headerByte[0] & 0x80) == 0)
            {
                return value;
            }
        }

        throw new MqttException("Malformed packet from the broker: the remaining length runs past four bytes.");
    }
}
