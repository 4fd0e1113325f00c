using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Host.Platform;

/// <summary>System control for a device that runs inside a host process: free memory is a setting, a reboot is a request the host acts on.</summary>
public sealed class HostSystemControl : ISystemControl
{
    /// <summary>Free heap reported, bytes; the default is what an ESP32 without PSRAM has left after start-up.</summary>
    public long FreeMemory { get; set; } = 90_000;

    /// <summary>Reboots requested so far.</summary>
    public int RebootRequests { get; private set; }

    /// <summary>Raised when the device asks for a reboot; the host restarts the runtime over the same storage.</summary>
    public event EventHandler? RebootRequested;

    /// <inheritdoc/>
    public long FreeMemoryBytes() => FreeMemory;

    /// <inheritdoc/>
    public void Reboot()
    {
        RebootRequests++;
        RebootRequested?.Invoke(this, EventArgs.Empty);
    }
}
