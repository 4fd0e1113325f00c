using NordicIoT.Device.Ota.AppSets;
using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Host.Ota;

/// <summary>The loader's part of a reboot on the host: the same <see cref="BootSelector"/> the board's loader runs, over the device's storage, deciding which version the new runtime reports.</summary>
/// <remarks>
/// A host reboot is: throw the runtime away, call <see cref="Boot"/> on the same storage, build a new runtime with the
/// version it returns. All state is on that storage, as on the board. Where the board loads .pe files with
/// Assembly.Load, this checks that the set's files are there with their recorded sizes (the board's loader also has
/// the runtime's own checksum check of each assembly); a set that fails is handled with <see cref="BootSelector.LoadFailed"/>
/// exactly as on the board.
/// </remarks>
public static class SimulatedLoader
{
    /// <summary>Chooses the set to start and returns its version: a set record's version, or <paramref name="factoryVersion"/> for slot a before any update was confirmed there.</summary>
    public static string Boot(IFileStorage storage, string factoryVersion)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrEmpty(factoryVersion);
        BootDecision? decision = BootSelector.Choose(storage);
        while (decision is not null)
        {
            if (decision.Record is null && decision.Slot == AppSetNames.SlotA)
            {
                return factoryVersion;
            }

            if (decision.Record is not null && decision.Record.FilesPresent(storage, decision.Slot))
            {
                return decision.Record.Version;
            }

            decision = BootSelector.LoadFailed(storage, decision, $"the files of slot {decision.Slot} are missing or not their recorded size");
        }

        // Nothing loadable: a board would wait for files over USB; the host keeps the factory application running.
        return factoryVersion;
    }
}
