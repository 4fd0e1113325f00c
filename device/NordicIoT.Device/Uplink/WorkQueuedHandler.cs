namespace NordicIoT.Device.Uplink
{
    /// <summary>Called on the transport's thread when an event was queued, so a sleeping main loop wakes up.</summary>
    public delegate void WorkQueuedHandler();
}
