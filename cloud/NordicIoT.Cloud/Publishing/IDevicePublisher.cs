namespace NordicIoT.Cloud.Publishing;

/// <summary>Sends cloud-owned messages to devices: Mosquitto locally, the AWS IoT data plane in AWS.</summary>
public interface IDevicePublisher
{
    /// <summary>Publishes <paramref name="config"/> (CBOR) retained at QoS 1 on d/{id}/c and returns once the broker has it.</summary>
    /// <exception cref="DevicePublishException">The broker is not reachable or did not acknowledge.</exception>
    Task PublishConfigAsync(string deviceId, ReadOnlyMemory<byte> config, CancellationToken cancellationToken);

    /// <summary>Publishes a firmware offer (CBOR) retained at QoS 1 on d/{id}/f, or withdraws the offer with an empty payload; returns once the broker has it.</summary>
    /// <exception cref="DevicePublishException">The broker is not reachable or did not acknowledge.</exception>
    Task PublishOfferAsync(string deviceId, ReadOnlyMemory<byte> offer, CancellationToken cancellationToken);
}
