using System;

namespace NordicIoT.Device.Platform
{
    /// <summary>The file names an <see cref="IFileStorage"/> accepts: 1 to 64 of A-Z a-z 0-9 . _ -, not starting with a dot.</summary>
    /// <remarks>The rule keeps names valid on LittleFS, FAT and host file systems, and keeps paths out of them.</remarks>
    public static class FileNames
    {
        /// <summary>Longest name accepted.</summary>
        public const int MaxLength = 64;

        /// <summary>Ends the names implementations give their own temporary files; no valid name contains it.</summary>
        public const string TemporarySuffix = "~";

        /// <summary>True when <paramref name="name"/> follows the rule.</summary>
        public static bool IsValid(string name)
        {
            if (name == null || name.Length == 0 || name.Length > MaxLength || name[0] == '.')
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                if (!allowed)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Throws an ArgumentException naming the rule when <paramref name="name"/> breaks it.</summary>
        public static void Check(string name)
        {
            if (!IsValid(name))
            {
                string shown = name == null ? "null" : "\"" + name + "\"";
                throw new ArgumentException("file name " + shown + " is not 1 to " + MaxLength.ToString() + " characters of A-Z a-z 0-9 . _ - (not starting with a dot)");
            }
        }
    }
}
