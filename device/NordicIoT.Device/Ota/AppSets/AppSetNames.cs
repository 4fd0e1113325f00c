using System;

namespace NordicIoT.Device.Ota.AppSets
{
    /// <summary>Names of the OTA files on storage: two application-set slots ("a", "b"), each set's record and files, and the boot markers.</summary>
    /// <remarks>
    /// Every name starts with <see cref="Prefix"/>, so the agent and the loader never touch the reading buffer (rb-…),
    /// the configuration, the certificates or anything else on I:\. Set files are numbered rather than named after the
    /// release's files, so any name the manifest allows fits the storage's 64-character limit.
    /// </remarks>
    public static class AppSetNames
    {
        /// <summary>Starts every file the OTA agent and the loader own.</summary>
        public const string Prefix = "ota-";

        /// <summary>The first slot; it holds the set installed with the device until an update confirms another.</summary>
        public const string SlotA = "a";

        /// <summary>The second slot.</summary>
        public const string SlotB = "b";

        /// <summary>The slot whose set is confirmed and runs; missing means <see cref="SlotA"/>.</summary>
        public const string Current = "ota-current";

        /// <summary>Written by the agent when a verified set is ready: start it at the next boot.</summary>
        public const string Next = "ota-next";

        /// <summary>Written by the loader when it starts the next set; the new application confirms it, or the next boot rolls back.</summary>
        public const string Trial = "ota-trial";

        /// <summary>Why the last trial was rolled back, for the application to report.</summary>
        public const string Failed = "ota-failed";

        /// <summary>The record (version, files) of the set in <paramref name="slot"/>.</summary>
        public static string Record(string slot)
        {
            return Prefix + slot + ".set";
        }

        /// <summary>The name of file number <paramref name="index"/> (0-based, load order) of the set in <paramref name="slot"/>.</summary>
        public static string File(string slot, int index)
        {
            return FilePrefix(slot) + index.ToString();
        }

        /// <summary>What the names of the set files in <paramref name="slot"/> start with.</summary>
        public static string FilePrefix(string slot)
        {
            return Prefix + slot + "-";
        }

        /// <summary>True for "a" and "b".</summary>
        public static bool IsSlot(string slot)
        {
            return slot == SlotA || slot == SlotB;
        }

        /// <summary>The slot that is not <paramref name="slot"/>.</summary>
        public static string Other(string slot)
        {
            if (!IsSlot(slot))
            {
                throw new ArgumentException("slot \"" + slot + "\" is neither a nor b");
            }

            return slot == SlotA ? SlotB : SlotA;
        }
    }
}
