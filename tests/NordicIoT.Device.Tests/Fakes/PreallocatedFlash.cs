using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Tests.Fakes;

/// <summary>In-memory flash whose file space is allocated up front, so allocation measurements see only the device's own.</summary>
/// <remarks>A fixed number of files of a fixed size; writing past either fails loudly. No power-loss modelling (see <see cref="FlashFake"/>).</remarks>
public sealed class PreallocatedFlash : IFileStorage
{
    private readonly string?[] _names;
    private readonly byte[][] _data;
    private readonly int[] _lengths;

    public PreallocatedFlash(int files, int fileBytes)
    {
        _names = new string?[files];
        _data = new byte[files][];
        _lengths = new int[files];
        for (int i = 0; i < files; i++)
        {
            _data[i] = new byte[fileBytes];
        }
    }

    public bool Exists(string name) => Find(name) >= 0;

    public int Length(string name) => _lengths[Require(name)];

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        int slot = Require(name);
        int copied = Math.Max(0, Math.Min(count, _lengths[slot] - position));
        Array.Copy(_data[slot], position, buffer, offset, copied);
        return copied;
    }

    public void Append(string name, byte[] data, int offset, int count)
    {
        int slot = Find(name);
        if (slot < 0)
        {
            slot = Create(name);
        }

        Write(slot, _lengths[slot], data, offset, count);
    }

    public void Replace(string name, byte[] data, int offset, int count)
    {
        int slot = Find(name);
        Write(slot < 0 ? Create(name) : slot, 0, data, offset, count);
    }

    public void Delete(string name)
    {
        int slot = Find(name);
        if (slot >= 0)
        {
            _names[slot] = null;
            _lengths[slot] = 0;
        }
    }

    public string[] List() => _names.Where(n => n != null).Select(n => n!).ToArray();

    public long FreeBytes() => _data.Sum(d => (long)d.Length) - _lengths.Sum(l => (long)l);

    private void Write(int slot, int at, byte[] data, int offset, int count)
    {
        if (at + count > _data[slot].Length)
        {
            throw new InvalidOperationException($"file '{_names[slot]}' would outgrow its {_data[slot].Length} preallocated bytes");
        }

        Array.Copy(data, offset, _data[slot], at, count);
        _lengths[slot] = at + count;
    }

    private int Create(string name)
    {
        FileNames.Check(name);
        int free = Array.IndexOf(_names, null);
        if (free < 0)
        {
            throw new InvalidOperationException($"no room for file '{name}': all {_names.Length} preallocated files are in use");
        }

        _names[free] = name;
        return free;
    }

    private int Require(string name) => Find(name) is int slot and >= 0 ? slot : throw new FileNotFoundException($"'{name}' does not exist", name);

    private int Find(string name)
    {
        for (int i = 0; i < _names.Length; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
