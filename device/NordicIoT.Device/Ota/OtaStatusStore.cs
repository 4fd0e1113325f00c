using NordicIoT.Device.Ota.AppSets;
using NordicIoT.Device.Platform;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Ota
{
    /// <summary>Keeps the last OTA progress on storage, so it is reported again after a reboot (REBOOTING before the switch, SUCCEEDED or FAILED after it).</summary>
    /// <remarks>Text, one field per line: rollout id, status number, percent (-1 when none), version, reason (empty when none).</remarks>
    public sealed class OtaStatusStore
    {
        /// <summary>The file on storage.</summary>
        public const string FileName = AppSetNames.Prefix + "status";

        private readonly IFileStorage _storage;

        /// <summary>Keeps the status in <paramref name="storage"/>.</summary>
        public OtaStatusStore(IFileStorage storage)
        {
            _storage = storage;
        }

        /// <summary>Fills <paramref name="into"/> with the stored progress; false when there is none or it is unreadable.</summary>
        public bool Load(OtaProgress into)
        {
            string[] lines = TextFile.ReadLines(_storage, FileName);
            if (lines == null || lines.Length != 5)
            {
                return false;
            }

            long rollout = TextFile.ParseCount(lines[0]);
            long status = TextFile.ParseCount(lines[1]);
            long percent = lines[2] == "-1" ? -1 : TextFile.ParseCount(lines[2]);
            if (rollout < 0 || status < (int)OtaStatus.Downloading || status > (int)OtaStatus.Rejected || percent < -1 || percent > 100)
            {
                return false;
            }

            into.RolloutId = rollout;
            into.Status = (OtaStatus)(int)status;
            into.Percent = (int)percent;
            into.Version = lines[3].Length == 0 ? null : lines[3];
            into.Reason = lines[4].Length == 0 ? null : lines[4];
            return true;
        }

        /// <summary>Stores <paramref name="progress"/> (atomically).</summary>
        public void Save(OtaProgress progress)
        {
            TextFile.WriteLines(_storage, FileName, new string[]
            {
                progress.RolloutId.ToString(),
                ((int)progress.Status).ToString(),
                progress.Percent.ToString(),
                progress.Version == null ? string.Empty : progress.Version,
                progress.Reason == null ? string.Empty : progress.Reason,
            });
        }
    }
}
