namespace NordicIoT.Device.Host.Simulation;

/// <summary>What goes wrong for the whole simulated fleet during a <see cref="ScheduledFault"/>.</summary>
public enum FaultKind
{
    /// <summary>No link at all: connects fail at once and open sessions drop, as when Wi-Fi or the cell is gone.</summary>
    NetworkOutage,

    /// <summary>The network is up but the broker is not: sessions drop and connects are refused by a port nobody listens on.</summary>
    BrokerOutage,

    /// <summary>Every device restarts: its runtime is thrown away and a new one boots over the same flash.</summary>
    Reboot,
}
