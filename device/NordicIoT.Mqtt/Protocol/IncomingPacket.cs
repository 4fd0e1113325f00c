namespace NordicIoT.Mqtt.Protocol;

/// <summary>One packet as read from the broker: type, the fixed header's low four bits, and the bytes after the fixed header.</summary>
internal sealed record IncomingPacket(PacketType Type, byte Flags, byte[] Body);
