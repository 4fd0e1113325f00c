namespace NordicIoT.Mqtt;

/// <summary>Carries a message received on a subscribed topic, and lets the handler acknowledge a QoS 1 message later.</summary>
public sealed class MqttMessageReceivedEventArgs : EventArgs
{
    private readonly MqttDeferredAcknowledgement? _acknowledgement;

    internal MqttMessageReceivedEventArgs(MqttMessage message, MqttDeferredAcknowledgement? acknowledgement)
    {
        Message = message;
        _acknowledgement = acknowledgement;
    }

    /// <summary>The received message.</summary>
    public MqttMessage Message { get; }

    /// <summary>True once the handler took over the acknowledgement.</summary>
    internal bool AcknowledgementDeferred { get; private set; }

    /// <summary>
    /// Keeps the client from sending the PUBACK when the handler returns; send it with the returned object once the
    /// message is safe, in the order messages arrived. Null for a QoS 0 message, which has no acknowledgement.
    /// </summary>
    public MqttDeferredAcknowledgement? DeferAcknowledgement()
    {
        AcknowledgementDeferred = _acknowledgement is not null;
        return _acknowledgement;
    }
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
