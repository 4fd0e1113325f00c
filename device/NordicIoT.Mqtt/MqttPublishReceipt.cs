namespace NordicIoT.Mqtt;

/// <summary>The outcome of handing one message to the connection.</summary>
/// <param name="PacketId">The QoS 1 packet id (0 for QoS 0), also reported by <see cref="MqttClient.PublishAcknowledged"/>.</param>
/// <param name="Acknowledged">Completes on PUBACK (at once for QoS 0); fails with <see cref="MqttException"/> if the connection ends first.</param>
public sealed record MqttPublishReceipt(ushort PacketId, Task Acknowledged);
