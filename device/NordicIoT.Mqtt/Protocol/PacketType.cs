namespace NordicIoT.Mqtt.Protocol;

/// <summary>The MQTT 3.1.1 control packet types this client sends or accepts (upper nibble of the first byte).</summary>
internal enum PacketType : byte
{
    Connect = 1,
    ConnAck = 2,
    Publish = 3,
    PubAck = 4,
    Subscribe = 8,
    SubAck = 9,
    PingReq = 12,
    PingResp = 13,
    Disconnect = 14,
}
