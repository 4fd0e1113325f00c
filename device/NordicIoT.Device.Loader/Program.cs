using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Threading;
using nanoFramework.Runtime.Native;
using NordicIoT.Device.App.Board;
using NordicIoT.Device.Ota.AppSets;

namespace NordicIoT.Device.Loader
{
    /// <summary>The OTA loader: starts the application set on I:\ that <see cref="BootSelector"/> picks, and rolls back when a new one cannot start.</summary>
    public static class Program
    {
        private const string Drive = "I:\\";

        // Before a reboot that retries (nothing could start, or the application ended): long enough to redeploy files with nanoff.
        private const int RetryMilliseconds = 60000;

        // Holds the watchdog's timer for as long as the application runs.
        private static TrialWatchdog _watchdog;

        /// <summary>Chooses, loads and runs the application; reboots after a pause if that fails or the application ever returns.</summary>
        public static void Main()
        {
            try
            {
                Run();
            }
            catch (Exception e)
            {
                Debug.WriteLine("NordicIoT loader: " + e.Message);
            }

            Thread.Sleep(RetryMilliseconds);
            Power.RebootDevice();
        }

        private static void Run()
        {
            var storage = new FlashStorage(Drive);
            BootDecision decision = BootSelector.Choose(storage);
            while (decision != null)
            {
                byte[][] images;
                try
                {
                    images = AppSetStarter.Read(storage, decision);
                }
                catch (IOException e)
                {
                    // Nothing of this set was loaded: the next choice can start in this boot.
                    Debug.WriteLine("NordicIoT loader: slot " + decision.Slot + ": " + e.Message);
                    decision = BootSelector.LoadFailed(storage, decision, e.Message);
                    continue;
                }

                MethodInfo main;
                try
                {
                    main = AppSetStarter.Load(decision, images);
                }
                catch (Exception e)
                {
                    // Loaded assemblies cannot be unloaded: note the failure (rollback, or the other slot becomes current) and start clean.
                    Debug.WriteLine("NordicIoT loader: slot " + decision.Slot + ": " + e.Message);
                    BootSelector.LoadFailed(storage, decision, e.Message);
                    Power.RebootDevice();
                    return;
                }

                if (decision.Kind == BootKind.Trial)
                {
                    _watchdog = new TrialWatchdog(storage, decision.Trial);
                }

                Debug.WriteLine("NordicIoT loader: starting version " + decision.Record.Version + " from slot " + decision.Slot + " (" + Kind(decision.Kind) + ")");
                main.Invoke(null, null);
                return;
            }

            Debug.WriteLine("NordicIoT loader: no application set on I:\\ can be started; deploy one (docs/ota-device.md)");
        }

        // enum.ToString() gives the number on nanoFramework.
        private static string Kind(BootKind kind)
        {
            switch (kind)
            {
                case BootKind.Trial: return "trial";
                case BootKind.RolledBack: return "rolled back";
                case BootKind.Fallback: return "fallback";
                default: return "confirmed";
            }
        }
    }
}
