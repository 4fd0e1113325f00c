using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Ota.AppSets
{
    /// <summary>What one slot holds: the application version and its files in load order (dependencies first), with sizes.</summary>
    /// <remarks>
    /// Stored as text in <see cref="AppSetNames.Record"/>: the version on the first line, then "size name" per file.
    /// The agent writes it only after every file passed its SHA-256 check, and deletes it before it touches the slot's
    /// files, so a record always describes files that were whole when it was written.
    /// </remarks>
    public sealed class AppSetRecord
    {
        /// <summary>Most files a set has (the manifest's limit).</summary>
        public const int MaxFiles = 32;

        /// <summary>Describes a set.</summary>
        public AppSetRecord(string version, string[] names, long[] sizes)
        {
            Version = version;
            Names = names;
            Sizes = sizes;
        }

        /// <summary>Application version, semantic version.</summary>
        public string Version { get; }

        /// <summary>The release's file names, in load order (for people; the files on storage are numbered).</summary>
        public string[] Names { get; }

        /// <summary>Size of each file, bytes.</summary>
        public long[] Sizes { get; }

        /// <summary>The record of <paramref name="slot"/>, or null when there is none or it is unreadable.</summary>
        public static AppSetRecord Read(IFileStorage storage, string slot)
        {
            string[] lines = TextFile.ReadLines(storage, AppSetNames.Record(slot));
            if (lines == null || lines.Length < 2 || lines.Length > MaxFiles + 1 || lines[0].Length == 0)
            {
                return null;
            }

            int count = lines.Length - 1;
            var names = new string[count];
            var sizes = new long[count];
            for (int i = 0; i < count; i++)
            {
                string line = lines[i + 1];
                int space = line.IndexOf(' ');
                sizes[i] = space > 0 ? TextFile.ParseCount(line.Substring(0, space)) : -1;
                if (sizes[i] <= 0 || space == line.Length - 1)
                {
                    return null;
                }

                names[i] = line.Substring(space + 1);
            }

            return new AppSetRecord(lines[0], names, sizes);
        }

        /// <summary>The version of the set running now (<see cref="BootSelector.RunningSlot"/>'s record), or <paramref name="factoryVersion"/> when that slot has no record: an application deployed without the loader, or slot a before any set was recorded there.</summary>
        public static string RunningVersion(IFileStorage storage, string factoryVersion)
        {
            AppSetRecord record = Read(storage, BootSelector.RunningSlot(storage));
            return record != null ? record.Version : factoryVersion;
        }

        /// <summary>True when every file of the set is on storage with its recorded size.</summary>
        public bool FilesPresent(IFileStorage storage, string slot)
        {
            for (int i = 0; i < Sizes.Length; i++)
            {
                string name = AppSetNames.File(slot, i);
                if (!storage.Exists(name) || storage.Length(name) != Sizes[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Stores the record as the one of <paramref name="slot"/> (atomically).</summary>
        public void Write(IFileStorage storage, string slot)
        {
            var lines = new string[Names.Length + 1];
            lines[0] = Version;
            for (int i = 0; i < Names.Length; i++)
            {
                lines[i + 1] = Sizes[i].ToString() + " " + Names[i];
            }

            TextFile.WriteLines(storage, AppSetNames.Record(slot), lines);
        }
    }
}
