namespace NordicIoT.Device.Uplink
{
    /// <summary>What a queued transport event is.</summary>
    public enum TransportEventKind
    {
        /// <summary>Nothing queued.</summary>
        None,

        /// <summary>The broker acknowledged a QoS 1 publish.</summary>
        Acknowledged,

        /// <summary>A message arrived on a subscribed topic.</summary>
        Message,

        /// <summary>The connection was lost.</summary>
        ConnectionLost,
    }
}
