namespace NordicIoT.Device.Platform
{
    /// <summary>What the runtime needs from the system itself: free memory for state reports, and a reboot.</summary>
    public interface ISystemControl
    {
        /// <summary>Free managed heap in bytes (on the board: GC.Run(false), which also collects).</summary>
        long FreeMemoryBytes();

        /// <summary>Restarts the device; on the board this does not return.</summary>
        void Reboot();
    }
}
