using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Host.Storage;

/// <summary>The device's <see cref="IFileStorage"/> over a folder on the host, for the simulator and tests.</summary>
/// <remarks>
/// Replace writes name~ and renames it over name; rename is atomic on POSIX and NTFS, so the interface's guarantee
/// holds. Writes are not fsynced: the folder stands in for flash in simulations, where a host crash losing the OS
/// cache does not matter, and an fsync per reading would hold a simulated fleet to the disk's pace.
/// </remarks>
public sealed class FolderStorage : IFileStorage
{
    /// <summary>Uses <paramref name="folder"/>, creating it when missing.</summary>
    /// <param name="folder">The folder that stands in for the device's flash.</param>
    /// <param name="capacityBytes">The flash partition's size, so free space behaves as on the board (e.g. 256 KB for I:\ on a 4 MB board); 0 reports the host disk's free space.</param>
    public FolderStorage(string folder, long capacityBytes = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        Folder = Path.GetFullPath(folder);
        CapacityBytes = capacityBytes;
        Directory.CreateDirectory(Folder);
    }

    /// <summary>Full path of the folder.</summary>
    public string Folder { get; }

    /// <summary>The simulated partition size in bytes; 0 when the host disk's free space is reported.</summary>
    public long CapacityBytes { get; }

    /// <inheritdoc/>
    public bool Exists(string name) => File.Exists(PathOf(name));

    /// <inheritdoc/>
    public int Length(string name)
    {
        var file = new FileInfo(PathOf(name));
        if (!file.Exists)
        {
            throw new FileNotFoundException($"'{name}' does not exist in {Folder}", file.FullName);
        }

        return checked((int)file.Length);
    }

    /// <inheritdoc/>
    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        CheckRange(buffer, offset, count);
        using var stream = new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.Read);
        if (position >= stream.Length)
        {
            return 0;
        }

        stream.Position = position;
        return stream.ReadAtLeast(buffer.AsSpan(offset, count), count, throwOnEndOfStream: false);
    }

    /// <inheritdoc/>
    public void Append(string name, byte[] data, int offset, int count)
    {
        CheckRange(data, offset, count);
        using var stream = new FileStream(PathOf(name), FileMode.Append, FileAccess.Write, FileShare.None);
        stream.Write(data, offset, count);
    }

    /// <inheritdoc/>
    public void Replace(string name, byte[] data, int offset, int count)
    {
        CheckRange(data, offset, count);
        string path = PathOf(name);
        string temporary = path + FileNames.TemporarySuffix;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(data, offset, count);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <inheritdoc/>
    public void Delete(string name) => File.Delete(PathOf(name));

    /// <inheritdoc/>
    public string[] List() =>
        Directory.EnumerateFiles(Folder).Select(Path.GetFileName).OfType<string>().Where(FileNames.IsValid).ToArray();

    /// <inheritdoc/>
    public long FreeBytes()
    {
        if (CapacityBytes == 0)
        {
            return new DriveInfo(Folder).AvailableFreeSpace;
        }

        long used = new DirectoryInfo(Folder).EnumerateFiles().Sum(f => f.Length);
        return Math.Max(0, CapacityBytes - used);
    }

    private string PathOf(string name)
    {
        FileNames.Check(name);
        return Path.Combine(Folder, name);
    }

    private static void CheckRange(byte[] data, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (offset < 0 || count < 0 || offset > data.Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"offset {offset} and count {count} do not fit an array of {data.Length} bytes");
        }
    }
}
