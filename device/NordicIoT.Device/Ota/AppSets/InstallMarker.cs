using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Ota.AppSets
{
    /// <summary>The content of <see cref="AppSetNames.Next"/> and <see cref="AppSetNames.Trial"/>: which set to try, for which rollout, and how long it has to confirm its health.</summary>
    /// <remarks>Text: slot, rollout id, version, deadline in seconds, one per line.</remarks>
    public sealed class InstallMarker
    {
        /// <summary>Describes a set to try.</summary>
        public InstallMarker(string slot, long rolloutId, string version, int confirmSeconds)
        {
            Slot = slot;
            RolloutId = rolloutId;
            Version = version;
            ConfirmSeconds = confirmSeconds;
        }

        /// <summary>The slot that holds the set.</summary>
        public string Slot { get; }

        /// <summary>The rollout that installed it.</summary>
        public long RolloutId { get; }

        /// <summary>Its application version.</summary>
        public string Version { get; }

        /// <summary>Seconds after boot by which the new application must confirm its health.</summary>
        public int ConfirmSeconds { get; }

        /// <summary>The marker in file <paramref name="name"/>, or null when there is none or it is unreadable.</summary>
        public static InstallMarker Read(IFileStorage storage, string name)
        {
            string[] lines = TextFile.ReadLines(storage, name);
            if (lines == null || lines.Length != 4 || !AppSetNames.IsSlot(lines[0]) || lines[2].Length == 0)
            {
                return null;
            }

            long rollout = TextFile.ParseCount(lines[1]);
            long seconds = TextFile.ParseCount(lines[3]);
            if (rollout < 0 || seconds < 1 || seconds > int.MaxValue)
            {
                return null;
            }

            return new InstallMarker(lines[0], rollout, lines[2], (int)seconds);
        }

        /// <summary>Stores the marker as file <paramref name="name"/> (atomically).</summary>
        public void Write(IFileStorage storage, string name)
        {
            TextFile.WriteLines(storage, name, new string[] { Slot, RolloutId.ToString(), Version, ConfirmSeconds.ToString() });
        }
    }
}
