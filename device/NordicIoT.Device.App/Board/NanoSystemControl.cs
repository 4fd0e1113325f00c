using NordicIoT.Device.Platform;
using nanoFramework.Runtime.Native;

namespace NordicIoT.Device.App.Board
{
    /// <summary>Free managed heap and reboot, from nanoFramework's runtime.</summary>
    public sealed class NanoSystemControl : ISystemControl
    {
        /// <inheritdoc/>
        public long FreeMemoryBytes()
        {
            // A state report only needs the figure; compacting is left to the runtime, which does it when allocation needs it.
            return nanoFramework.Runtime.Native.GC.Run(false);
        }

        /// <inheritdoc/>
        public void Reboot()
        {
            Power.RebootDevice();
        }
    }
}
