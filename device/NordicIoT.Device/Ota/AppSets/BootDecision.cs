namespace NordicIoT.Device.Ota.AppSets
{
    /// <summary>The set the loader starts: its slot, why, its record, and for a trial the marker with its deadline.</summary>
    public sealed class BootDecision
    {
        /// <summary>Describes the choice.</summary>
        public BootDecision(string slot, BootKind kind, AppSetRecord record, InstallMarker trial)
        {
            Slot = slot;
            Kind = kind;
            Record = record;
            Trial = trial;
        }

        /// <summary>The slot to start.</summary>
        public string Slot { get; }

        /// <summary>Why this slot.</summary>
        public BootKind Kind { get; }

        /// <summary>The slot's record; null when the slot holds no set (before the first set was installed there).</summary>
        public AppSetRecord Record { get; }

        /// <summary>For <see cref="BootKind.Trial"/>, the marker (rollout, version, deadline); otherwise null.</summary>
        public InstallMarker Trial { get; }
    }
}
