using NordicIoT.Cloud.Publishing;

namespace NordicIoT.Cloud.Rollouts;

/// <summary>Firmware offers through the device publisher (retained on d/{id}/f).</summary>
public sealed class PublishedFirmwareOffers(IDevicePublisher publisher) : IFirmwareOffers
{
    /// <inheritdoc />
    public Task PublishAsync(string deviceId, byte[] offer, CancellationToken cancellationToken) => SendAsync(deviceId, offer, cancellationToken);

    /// <inheritdoc />
    public Task WithdrawAsync(string deviceId, CancellationToken cancellationToken) => SendAsync(deviceId, ReadOnlyMemory<byte>.Empty, cancellationToken);

    private async Task SendAsync(string deviceId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishOfferAsync(deviceId, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (DevicePublishException e)
        {
            throw new OfferDeliveryException(e.Message, e);
        }
    }
}
