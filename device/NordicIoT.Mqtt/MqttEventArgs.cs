namespace NordicIoT.Mqtt;

/// <summary>Carries a message received on a subscribed topic.</summary>
public sealed class MqttMessageReceivedEventArgs(MqttMessage message) : EventArgs
{
    /// <summary>The received message.</summary>
    public MqttMessage Message { get; } = message;
}

/// <summary>Carries the packet id of a QoS 1 publish the broker acknowledged.</summary>
public sealed class MqttPublishAcknowledgedEventArgs(ushort packetId) : EventArgs
{
    /// <summary>The id <see cref="MqttClient.PublishAsync"/> returned for that publish.</summary>
    public ushort PacketId { get; } = packetId;
}

/// <summary>Says why an open connection was lost.</summary>
public sealed class MqttConnectionLostEventArgs(string reason, Exception? exception) : EventArgs
{
    /// <summary>A sentence saying what happened (broker closed, keep-alive timeout, socket error...).</summary>
    public string Reason { get; } = reason;

    /// <summary>The failure behind the loss, when there was one.</summary>
    public Exception? Exception { get; } = exception;
}
