namespace NordicIoT.Device.Platform
{
    /// <summary>Flat files in one folder of persistent storage (I:\ on the board, a folder on the host).</summary>
    /// <remarks>
    /// Names are checked by <see cref="FileNames.Check"/>. Implementations keep their own temporary files under names
    /// ending in <see cref="FileNames.TemporarySuffix"/>, which no caller can use and <see cref="List"/> never returns.
    /// Every call is complete and durable when it returns. What survives a power loss in the middle of a call:
    /// <list type="bullet">
    /// <item><see cref="Append"/>: the file keeps its old bytes; any prefix of the new bytes may follow, possibly
    /// damaged at its end (callers frame and check what they append).</item>
    /// <item><see cref="Replace"/>: the file holds either all of its old content or all of the new, never a mix.</item>
    /// <item><see cref="Delete"/>: the file is either still there, unchanged, or gone.</item>
    /// </list>
    /// On nanoFramework, File.Move refuses an existing destination, so a board implementation replaces by writing
    /// name~ and closing it, deleting name, then moving name~ to name; at start-up (or on first access to name) it finishes
    /// the job: name~ without name is complete and is moved into place, name~ beside name is an unfinished write and is deleted.
    /// </remarks>
    public interface IFileStorage
    {
        /// <summary>True when the file exists.</summary>
        bool Exists(string name);

        /// <summary>Size of the file in bytes; fails when it does not exist.</summary>
        int Length(string name);

        /// <summary>Copies up to <paramref name="count"/> bytes from <paramref name="position"/> into <paramref name="buffer"/>; returns how many (fewer only at the end of the file).</summary>
        int Read(string name, int position, byte[] buffer, int offset, int count);

        /// <summary>Adds bytes at the end of the file, creating it when missing.</summary>
        void Append(string name, byte[] data, int offset, int count);

        /// <summary>Sets the whole content of the file atomically, creating it when missing.</summary>
        void Replace(string name, byte[] data, int offset, int count);

        /// <summary>Removes the file; does nothing when it does not exist.</summary>
        void Delete(string name);

        /// <summary>Names of all files, in no particular order.</summary>
        string[] List();

        /// <summary>Bytes that can still be written, as far as the implementation can tell; on flash an estimate that errs low (block rounding, metadata).</summary>
        /// <remarks>The OTA agent checks it before each downloaded file, so a download never eats the room the reading buffer and configuration need.</remarks>
        long FreeBytes();
    }
}
