namespace NordicIoT.Device.Transport
{
    /// <summary>Called when a message arrives on a subscribed topic.</summary>
    public delegate void MqttMessageHandler(string topic, byte[] payload, bool retained);

    /// <summary>Called when the broker acknowledged (PUBACK) the QoS 1 publish with this packet id.</summary>
    public delegate void MqttPublishAckHandler(ushort packetId);

    /// <summary>Called once when an open connection closes for any reason other than Disconnect().</summary>
    public delegate void MqttConnectionLostHandler(string reason);

    /// <summary>One MQTT 3.1.1 session over TLS with the device certificate (M2Mqtt on the board, a host client in tests).</summary>
    /// <remarks>
    /// Modelled on M2Mqtt: publishes are queued and acknowledged later through <see cref="PublishAcknowledged"/>, and
    /// nothing queued survives a lost connection, so callers keep data until it is acknowledged. Events fire on the
    /// transport's own thread: handlers must be short and lock shared state.
    /// </remarks>
    public interface IMqttTransport
    {
        /// <summary>Raised for every message received on a subscribed topic.</summary>
        event MqttMessageHandler MessageReceived;

        /// <summary>Raised when the broker acknowledges a QoS 1 publish.</summary>
        event MqttPublishAckHandler PublishAcknowledged;

        /// <summary>Raised when an open connection is lost (socket error, broker gone, keep-alive timeout).</summary>
        event MqttConnectionLostHandler ConnectionLost;

        /// <summary>True between a successful Connect and Disconnect or connection loss.</summary>
        bool IsConnected { get; }

        /// <summary>Opens a new connection; throws <see cref="MqttTransportException"/> when the broker cannot be reached or refuses.</summary>
        void Connect(string clientId, bool cleanSession, int keepAliveSeconds);

        /// <summary>Sends the first <paramref name="length"/> bytes of <paramref name="payload"/>; returns the packet id (0 for QoS 0).</summary>
        ushort Publish(string topic, byte[] payload, int length, int qos, bool retain);

        /// <summary>Subscribes to one topic filter.</summary>
        void Subscribe(string topic, int qos);

        /// <summary>Closes the connection cleanly; pending publishes are dropped (the caller still holds their data).</summary>
        void Disconnect();
    }
}
