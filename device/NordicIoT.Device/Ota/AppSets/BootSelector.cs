using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Ota.AppSets
{
    /// <summary>Decides at every boot which application set starts, from the markers on storage: the confirmed one, a new one on trial, or a rollback.</summary>
    /// <remarks>
    /// <para>The protocol, with who writes what:</para>
    /// <list type="number">
    /// <item>The agent verifies a new set into the other slot, writes its record, then <see cref="AppSetNames.Next"/>, and reboots.</item>
    /// <item>The loader (<see cref="Choose"/>) finds Next, copies it to <see cref="AppSetNames.Trial"/> and starts the new set, once.</item>
    /// <item>The new application confirms (<see cref="Confirm"/>): Current becomes the new slot, then Trial and Next go.</item>
    /// <item>A boot that finds Trial while Current still names the old slot rolls back: it leaves a <see cref="RollbackNotice"/>
    /// (unless the application left a more precise one), deletes Next and Trial, and starts the old set.</item>
    /// </list>
    /// <para>Every file is replaced atomically and every step can be repeated, so a power cut anywhere leaves either the old
    /// set confirmed or the new one; a cut while the new set is on trial counts as a failed trial.</para>
    /// </remarks>
    public static class BootSelector
    {
        /// <summary>The slot of the confirmed set: what <see cref="AppSetNames.Current"/> says, or slot a.</summary>
        public static string CurrentSlot(IFileStorage storage)
        {
            string[] lines = TextFile.ReadLines(storage, AppSetNames.Current);
            return lines != null && lines.Length == 1 && AppSetNames.IsSlot(lines[0]) ? lines[0] : AppSetNames.SlotA;
        }

        /// <summary>The slot of the set the loader started in this boot: the one on trial while <see cref="AppSetNames.Trial"/> is there, else the confirmed one.</summary>
        /// <remarks>For the running application, after <see cref="Choose"/> (or <see cref="LoadFailed"/>) moved the markers on.</remarks>
        public static string RunningSlot(IFileStorage storage)
        {
            InstallMarker trial = InstallMarker.Read(storage, AppSetNames.Trial);
            return trial != null ? trial.Slot : CurrentSlot(storage);
        }

        /// <summary>Picks the set to start now and moves the markers on (Next to Trial, or a rollback).</summary>
        public static BootDecision Choose(IFileStorage storage)
        {
            string current = CurrentSlot(storage);
            InstallMarker trial = InstallMarker.Read(storage, AppSetNames.Trial);
            if (trial != null)
            {
                bool confirmed = trial.Slot == current;
                if (!confirmed && !storage.Exists(AppSetNames.Failed))
                {
                    new RollbackNotice(trial.RolloutId, "version " + trial.Version + " did not confirm its health; rolled back").Write(storage);
                }

                storage.Delete(AppSetNames.Next);
                storage.Delete(AppSetNames.Trial);
                return Start(storage, current, confirmed ? BootKind.Current : BootKind.RolledBack);
            }

            InstallMarker next = InstallMarker.Read(storage, AppSetNames.Next);
            if (next != null && next.Slot != current)
            {
                AppSetRecord record = AppSetRecord.Read(storage, next.Slot);
                if (record != null)
                {
                    next.Write(storage, AppSetNames.Trial);
                    return new BootDecision(next.Slot, BootKind.Trial, record, next);
                }
            }

            // A marker without a set to try (unreadable, or naming the confirmed slot) is dropped.
            if (storage.Exists(AppSetNames.Next))
            {
                storage.Delete(AppSetNames.Next);
            }

            return Start(storage, current, BootKind.Current);
        }

        /// <summary>The set to start instead when <paramref name="failed"/> could not be loaded, or null when there is none left to try.</summary>
        /// <remarks>
        /// A trial that cannot start is rolled back at once, with <paramref name="reason"/> in the notice. When the confirmed
        /// set cannot start, the other slot's set (the one it replaced) becomes the confirmed one, so a loader that must
        /// reboot before trying it (assemblies already loaded cannot be unloaded) starts it at the next boot.
        /// </remarks>
        public static BootDecision LoadFailed(IFileStorage storage, BootDecision failed, string reason)
        {
            if (failed.Kind == BootKind.Trial)
            {
                new RollbackNotice(failed.Trial.RolloutId, "version " + failed.Trial.Version + " could not be started: " + reason).Write(storage);
                storage.Delete(AppSetNames.Next);
                storage.Delete(AppSetNames.Trial);
                return Start(storage, CurrentSlot(storage), BootKind.RolledBack);
            }

            if (failed.Kind == BootKind.Fallback)
            {
                return null;
            }

            string other = AppSetNames.Other(failed.Slot);
            AppSetRecord record = AppSetRecord.Read(storage, other);
            if (record == null)
            {
                return null;
            }

            TextFile.WriteLines(storage, AppSetNames.Current, new string[] { other });
            return new BootDecision(other, BootKind.Fallback, record, null);
        }

        /// <summary>Called by the new application once healthy: its slot becomes the confirmed one, then the trial markers go.</summary>
        public static void Confirm(IFileStorage storage, InstallMarker trial)
        {
            TextFile.WriteLines(storage, AppSetNames.Current, new string[] { trial.Slot });
            storage.Delete(AppSetNames.Trial);
            storage.Delete(AppSetNames.Next);
        }

        private static BootDecision Start(IFileStorage storage, string slot, BootKind kind)
        {
            return new BootDecision(slot, kind, AppSetRecord.Read(storage, slot), null);
        }
    }
}
