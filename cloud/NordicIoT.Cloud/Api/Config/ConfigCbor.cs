using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Api.Config;

/// <summary>Encodes a configuration for d/{id}/c and proves the device will accept it by decoding it with the device's own decoder.</summary>
public static class ConfigCbor
{
    /// <summary>The encoded configuration.</summary>
    /// <exception cref="WireFormatException">The device's decoder would refuse it (a bug: the JSON checks should have caught it).</exception>
    public static byte[] Encode(DeviceConfig config)
    {
        var buffer = new byte[1024];
        var writer = new CborWriter(buffer);
        var length = DeviceConfigCodec.Encode(config, writer);
        DeviceConfigCodec.Decode(new CborReader(buffer, 0, length), new DeviceConfig());
        return buffer[..length];
    }
}
