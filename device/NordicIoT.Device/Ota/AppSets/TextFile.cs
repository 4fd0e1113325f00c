using System;
using System.Text;
using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Ota.AppSets
{
    /// <summary>Small UTF-8 text files of lines, written atomically: the form of the OTA markers and set records.</summary>
    /// <remarks>Plain text, so the loader reads them with no CBOR code and a person can read them off I:\ with nanoff or a file browser.</remarks>
    public static class TextFile
    {
        /// <summary>Largest file read; anything longer is not one of these files.</summary>
        public const int MaxBytes = 4096;

        /// <summary>The lines of the file (without a trailing empty one), or null when it does not exist, is too long to be one of these files, or is not text.</summary>
        public static string[] ReadLines(IFileStorage storage, string name)
        {
            if (!storage.Exists(name))
            {
                return null;
            }

            int length = storage.Length(name);
            if (length > MaxBytes)
            {
                return null;
            }

            byte[] bytes = new byte[length];
            int read = storage.Read(name, 0, bytes, 0, length);
            string text;
            try
            {
                text = Encoding.UTF8.GetString(bytes, 0, read);
            }
            catch (Exception)
            {
                // Damaged flash: nanoFramework's decoder may throw on invalid UTF-8. Unreadable is what the callers handle.
                return null;
            }

            if (text.Length > 0 && text[text.Length - 1] == '\n')
            {
                text = text.Substring(0, text.Length - 1);
            }

            return text.Split('\n');
        }

        /// <summary>Replaces the file with <paramref name="lines"/>, one per line; a line break inside a line becomes a space.</summary>
        public static void WriteLines(IFileStorage storage, string name, string[] lines)
        {
            string[] parts = new string[lines.Length * 2];
            for (int i = 0; i < lines.Length; i++)
            {
                parts[2 * i] = OneLine(lines[i]);
                parts[(2 * i) + 1] = "\n";
            }

            byte[] bytes = Encoding.UTF8.GetBytes(string.Concat(parts));
            storage.Replace(name, bytes, 0, bytes.Length);
        }

        /// <summary>A whole non-negative decimal number, or -1 when <paramref name="text"/> is not one.</summary>
        public static long ParseCount(string text)
        {
            if (text == null || text.Length == 0 || text.Length > 18)
            {
                return -1;
            }

            long value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = (value * 10) + (c - '0');
            }

            return value;
        }

        private static string OneLine(string line)
        {
            if (line.IndexOf('\n') < 0 && line.IndexOf('\r') < 0)
            {
                return line;
            }

            char[] chars = line.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == '\n' || chars[i] == '\r')
                {
                    chars[i] = ' ';
                }
            }

            return new string(chars);
        }
    }
}
