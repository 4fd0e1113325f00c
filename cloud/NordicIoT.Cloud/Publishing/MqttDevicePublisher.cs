using NordicIoT.Cloud.Bridge;
using NordicIoT.Mqtt;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Publishing;

/// <summary>Publishes to devices through the cloud's MQTT connection (retained, QoS 1), so a device that is offline gets the message when it next subscribes.</summary>
public sealed class MqttDevicePublisher(CloudMqttConnection connection) : IDevicePublisher
{
    /// <summary>Longest wait for the broker's acknowledgement.</summary>
    public static readonly TimeSpan AcknowledgeTimeout = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public Task PublishConfigAsync(string deviceId, ReadOnlyMemory<byte> config, CancellationToken cancellationToken) =>
        PublishRetainedAsync(new Topics(deviceId).Config, config, cancellationToken);

    /// <inheritdoc />
    public Task PublishOfferAsync(string deviceId, ReadOnlyMemory<byte> offer, CancellationToken cancellationToken) =>
        PublishRetainedAsync(new Topics(deviceId).Offer, offer, cancellationToken);

    private async Task PublishRetainedAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        try
        {
            await connection.PublishAsync(topic, payload, retain: true, AcknowledgeTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MqttException or TimeoutException)
        {
            throw new DevicePublishException($"Could not publish to {topic}: {e.Message}", e);
        }
    }
}
