using System;
using System.IO;
using NordicIoT.Device.Platform;

namespace NordicIoT.Device.App.Board
{
    /// <summary>The device's <see cref="IFileStorage"/> on internal flash (I:\, LittleFS) through nanoFramework's System.IO.</summary>
    /// <remarks>
    /// Each call opens and closes its file: LittleFS commits a file's new content when it is closed, which is what
    /// makes every call durable on return. File.Move refuses an existing destination, so Replace writes name~, deletes
    /// name and moves name~ into place; the constructor finishes a replacement that a reset cut short (see
    /// <see cref="IFileStorage"/> for the rule).
    /// </remarks>
    public sealed class FlashStorage : IFileStorage
    {
        // The block size of the ESP32 targets' LittleFS volume (the flash erase sector): a file takes whole blocks.
        private const long LittleFsBlockBytes = 4096;

        private readonly string _folder;

        /// <summary>Uses the files directly in <paramref name="folder"/> (e.g. "I:\\") and finishes interrupted replacements there.</summary>
        public FlashStorage(string folder)
        {
            if (folder == null || folder.Length == 0)
            {
                throw new ArgumentException("the storage folder must be given, e.g. I:\\");
            }

            _folder = folder[folder.Length - 1] == '\\' ? folder : folder + "\\";
            FinishReplacements();
        }

        /// <inheritdoc/>
        public bool Exists(string name)
        {
            return File.Exists(PathOf(name));
        }

        /// <inheritdoc/>
        public int Length(string name)
        {
            using (FileStream file = Open(name))
            {
                return (int)file.Length;
            }
        }

        /// <inheritdoc/>
        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            if (position < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(position), "position " + position.ToString() + " is negative");
            }

            CheckRange(buffer, offset, count);
            using (FileStream file = Open(name))
            {
                if (position >= file.Length)
                {
                    return 0;
                }

                file.Seek(position, SeekOrigin.Begin);
                int total = 0;
                while (total < count)
                {
                    int read = file.Read(buffer, offset + total, count - total);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                }

                return total;
            }
        }

        /// <inheritdoc/>
        public void Append(string name, byte[] data, int offset, int count)
        {
            CheckRange(data, offset, count);
            using (var file = new FileStream(PathOf(name), FileMode.Append, FileAccess.Write))
            {
                file.Write(data, offset, count);
            }
        }

        /// <inheritdoc/>
        public void Replace(string name, byte[] data, int offset, int count)
        {
            CheckRange(data, offset, count);
            string path = PathOf(name);
            string temporary = path + FileNames.TemporarySuffix;
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            {
                file.Write(data, offset, count);
            }

            File.Delete(path);
            File.Move(temporary, path);
        }

        /// <inheritdoc/>
        public void Delete(string name)
        {
            File.Delete(PathOf(name));
        }

        /// <inheritdoc/>
        public string[] List()
        {
            string[] paths = Directory.GetFiles(_folder);
            int count = 0;
            for (int i = 0; i < paths.Length; i++)
            {
                string name = Path.GetFileName(paths[i]);
                if (FileNames.IsValid(name))
                {
                    paths[count++] = name;
                }
            }

            string[] names = new string[count];
            Array.Copy(paths, names, count);
            return names;
        }

        private void FinishReplacements()
        {
            foreach (string temporary in Directory.GetFiles(_folder))
            {
                if (!temporary.EndsWith(FileNames.TemporarySuffix))
                {
                    continue;
                }

                string path = temporary.Substring(0, temporary.Length - FileNames.TemporarySuffix.Length);
                if (File.Exists(path))
                {
                    // The reset came before the old file was deleted: the old content is whole, the new one may not be.
                    File.Delete(temporary);
                }
                else
                {
                    // The reset came between deleting the old file and the move: the new content is complete.
                    File.Move(temporary, path);
                }
            }
        }

        /// <inheritdoc/>
        /// <remarks>
        /// nanoFramework's DriveInfo gives only the volume's total size, so this is the total minus every file rounded up
        /// to a LittleFS block: low by the metadata blocks, which the OTA agent's reserve covers.
        /// </remarks>
        public long FreeBytes()
        {
            long used = 0;
            foreach (string path in Directory.GetFiles(_folder))
            {
                using (var file = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    used += (file.Length + LittleFsBlockBytes - 1) / LittleFsBlockBytes * LittleFsBlockBytes;
                }
            }

            long free = new DriveInfo(_folder).TotalSize - used;
            return free > 0 ? free : 0;
        }

        private FileStream Open(string name)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
            {
                throw new IOException(path + " does not exist");
            }

            return new FileStream(path, FileMode.Open, FileAccess.Read);
        }

        private string PathOf(string name)
        {
            FileNames.Check(name);
            return _folder + name;
        }

        private static void CheckRange(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset " + offset.ToString() + " and count " + count.ToString() + " do not fit an array of " + data.Length.ToString() + " bytes");
            }
        }
    }
}
