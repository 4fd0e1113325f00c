namespace NordicIoT.Cloud.Rollouts;

/// <summary>Delivers firmware offers to devices, retained on d/{id}/f (Mosquitto locally, AWS IoT in AWS).</summary>
public interface IFirmwareOffers
{
    /// <summary>Publishes the offer (FirmwareOfferCodec CBOR) retained, replacing the device's previous one.</summary>
    Task PublishAsync(string deviceId, byte[] offer, CancellationToken cancellationToken);

    /// <summary>Withdraws the device's offer (an empty retained payload).</summary>
    Task WithdrawAsync(string deviceId, CancellationToken cancellationToken);
}
