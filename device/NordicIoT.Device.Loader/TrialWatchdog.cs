using System.Diagnostics;
using System.Threading;
using nanoFramework.Runtime.Native;
using NordicIoT.Device.Ota.AppSets;
using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Loader
{
    /// <summary>Reboots the device when an application on trial has not confirmed by its deadline plus a grace period.</summary>
    /// <remarks>
    /// The application's own OTA agent normally does this at the deadline, with a precise reason; the watchdog is for an
    /// application that hangs or never starts its agent. The next boot finds the trial unconfirmed and rolls back.
    /// </remarks>
    public sealed class TrialWatchdog
    {
        /// <summary>Time the application's own check gets before the watchdog acts, ms.</summary>
        public const int GraceMilliseconds = 60000;

        private readonly IFileStorage _storage;
        private readonly InstallMarker _trial;
        private readonly Timer _timer;

        /// <summary>Arms the watchdog for <paramref name="trial"/>.</summary>
        public TrialWatchdog(IFileStorage storage, InstallMarker trial)
        {
            _storage = storage;
            _trial = trial;
            _timer = new Timer(Check, null, (trial.ConfirmSeconds * 1000) + GraceMilliseconds, Timeout.Infinite);
        }

        private void Check(object state)
        {
            // Confirmation writes the current slot before it deletes the trial marker, so either test settles it.
            if (_storage.Exists(AppSetNames.Trial) && BootSelector.CurrentSlot(_storage) != _trial.Slot)
            {
                Debug.WriteLine("NordicIoT loader: version " + _trial.Version + " did not confirm its health in time; rebooting to roll back");
                _timer.Dispose();
                Power.RebootDevice();
            }
        }
    }
}
