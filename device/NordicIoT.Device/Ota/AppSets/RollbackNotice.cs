using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Ota.AppSets
{
    /// <summary>The content of <see cref="AppSetNames.Failed"/>: a trial that was rolled back, and why, for the application to report as FAILED.</summary>
    /// <remarks>Text: rollout id, then the reason, on two lines.</remarks>
    public sealed class RollbackNotice
    {
        /// <summary>Describes a rollback.</summary>
        public RollbackNotice(long rolloutId, string reason)
        {
            RolloutId = rolloutId;
            Reason = reason;
        }

        /// <summary>The rollout whose set was rolled back.</summary>
        public long RolloutId { get; }

        /// <summary>Why, for people.</summary>
        public string Reason { get; }

        /// <summary>The notice on storage, or null when there is none or it is unreadable.</summary>
        public static RollbackNotice Read(IFileStorage storage)
        {
            string[] lines = TextFile.ReadLines(storage, AppSetNames.Failed);
            if (lines == null || lines.Length != 2 || lines[1].Length == 0)
            {
                return null;
            }

            long rollout = TextFile.ParseCount(lines[0]);
            return rollout < 0 ? null : new RollbackNotice(rollout, lines[1]);
        }

        /// <summary>Stores the notice (atomically).</summary>
        public void Write(IFileStorage storage)
        {
            TextFile.WriteLines(storage, AppSetNames.Failed, new string[] { RolloutId.ToString(), Reason });
        }
    }
}
