using NordicIoT.Device.Platform;

namespace NordicIoT.Benchmarks.Device;

/// <summary>Flash in memory that allocates only when a file outgrows every buffer seen so far, so it adds nothing to allocation figures in steady state.</summary>
/// <remarks>Deleted files' buffers are kept for the next file; only the Dictionary entry of a new name allocates.</remarks>
public sealed class MemoryFlash : IFileStorage
{
    private readonly Dictionary<string, MemoryFile> _files = new(StringComparer.Ordinal);
    private readonly Stack<MemoryFile> _free = new();

    public bool Exists(string name) => _files.ContainsKey(name);

    public int Length(string name) => File(name).Length;

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        var file = File(name);
        int read = Math.Clamp(file.Length - position, 0, count);
        Array.Copy(file.Bytes, position, buffer, offset, read);
        return read;
    }

    public void Append(string name, byte[] data, int offset, int count)
    {
        var file = OpenOrCreate(name);
        file.EnsureCapacity(file.Length + count);
        Array.Copy(data, offset, file.Bytes, file.Length, count);
        file.Length += count;
    }

    public void Replace(string name, byte[] data, int offset, int count)
    {
        var file = OpenOrCreate(name);
        file.EnsureCapacity(count);
        Array.Copy(data, offset, file.Bytes, 0, count);
        file.Length = count;
    }

    public void Delete(string name)
    {
        if (_files.Remove(name, out var file))
        {
            file.Length = 0;
            _free.Push(file);
        }
    }

    public string[] List() => [.. _files.Keys];

    public long FreeBytes() => long.MaxValue;

    private MemoryFile File(string name) =>
        _files.TryGetValue(name, out var file) ? file : throw new FileNotFoundException($"'{name}' does not exist", name);

    private MemoryFile OpenOrCreate(string name)
    {
        if (!_files.TryGetValue(name, out var file))
        {
            file = _free.Count > 0 ? _free.Pop() : new MemoryFile();
            _files[name] = file;
        }

        return file;
    }

    private sealed class MemoryFile
    {
        public byte[] Bytes = new byte[4096];
        public int Length;

        public void EnsureCapacity(int size)
        {
            if (size > Bytes.Length)
            {
                Array.Resize(ref Bytes, Math.Max(size, Bytes.Length * 2));
            }
        }
    }
}
