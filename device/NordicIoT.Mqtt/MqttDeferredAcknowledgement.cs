using NordicIoT.Mqtt.Connection;

namespace NordicIoT.Mqtt;

/// <summary>The PUBACK of a received QoS 1 message whose handler deferred it (<see cref="MqttMessageReceivedEventArgs.DeferAcknowledgement"/>).</summary>
public sealed class MqttDeferredAcknowledgement
{
    private readonly MqttConnection _connection;
    private readonly ushort _packetId;

    internal MqttDeferredAcknowledgement(MqttConnection connection, ushort packetId)
    {
        _connection = connection;
        _packetId = packetId;
    }

    /// <summary>
    /// Sends the PUBACK on the connection the message came on; false when that connection has ended, in which case a
    /// persistent session gets the message again on the next connection.
    /// </summary>
    public Task<bool> SendAsync() => _connection.AcknowledgeAsync(_packetId);
}
