namespace NordicIoT.Mqtt.Connection;

/// <summary>What a connection reports to its client, always from the connection's reader task.</summary>
internal interface IConnectionEvents
{
    /// <summary>A PUBLISH arrived on a subscribed topic.</summary>
    void OnMessageReceived(MqttMessageReceivedEventArgs received);

    /// <summary>The broker acknowledged the QoS 1 publish with this id.</summary>
    void OnPublishAcknowledged(ushort packetId);

    /// <summary>The connection ended for a reason other than the client's own disconnect; reported once.</summary>
    void OnConnectionLost(string reason, Exception? exception);
}
