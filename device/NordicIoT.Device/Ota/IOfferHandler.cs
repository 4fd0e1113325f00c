namespace NordicIoT.Device.Ota
{
    /// <summary>Receives firmware offers (retained on d/{id}/f) for the OTA agent; called on the runtime's thread.</summary>
    public interface IOfferHandler
    {
        /// <summary>An offer arrived, as its raw CBOR (decode with FirmwareOfferCodec); an empty payload means the offer was withdrawn.</summary>
        void OnOffer(byte[] payload);
    }
}
