using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Tests.Fakes;

/// <summary>In-memory flash behind <see cref="IFileStorage"/> that can lose power in the middle of any write.</summary>
/// <remarks>
/// What it models. LittleFS (I:\ on the board) commits a file's new data atomically when it is synced or closed, so
/// there an interrupted Append adds all of its bytes or none. This fake is harsher, like FAT on an SD card: an
/// interrupted Append may leave any prefix of its bytes, or all of them with up to 24 at the end garbled. Replace writes a
/// temporary file (which tears the same way) and then renames it over the target in one atomic step, as LittleFS's
/// rename does. Delete is atomic. After the cut every call throws <see cref="PowerLossException"/> until
/// <see cref="Reboot"/>; bytes written before the cut are never disturbed. <see cref="FailWriteAt"/> tears a write
/// the same way but only throws an IOException, with power staying on (a flash error the device survives).
/// </remarks>
public sealed class FlashFake(int initialFileCapacity = 64) : IFileStorage
{
    private readonly Dictionary<string, FakeFile> _files = new(StringComparer.Ordinal);
    private Random _random = new(0);
    private long _cutAtWrite;
    private bool _staysOn;
    private bool _off;

    /// <summary>Size of the simulated flash partition; <see cref="FreeBytes"/> is this minus the bytes of all files.</summary>
    public long CapacityBytes { get; set; } = long.MaxValue;

    /// <summary>Append, Replace and Delete calls started so far.</summary>
    public long Writes { get; private set; }

    /// <summary>What the last power cut did, for failure messages.</summary>
    public string LastCut { get; private set; } = "none";

    /// <summary>Makes the <paramref name="writesFromNow"/>-th write from now (1 = the next) lose power part-way, as <paramref name="random"/> decides.</summary>
    public void CutPowerAtWrite(long writesFromNow, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writesFromNow, 1);
        _cutAtWrite = Writes + writesFromNow;
        _random = random;
        _staysOn = false;
    }

    /// <summary>Makes the <paramref name="writesFromNow"/>-th write from now tear as a power cut would, then throw an IOException with power staying on.</summary>
    public void FailWriteAt(long writesFromNow, Random random)
    {
        CutPowerAtWrite(writesFromNow, random);
        _staysOn = true;
    }

    /// <summary>Cancels a cut that has not happened yet.</summary>
    public void Disarm() => _cutAtWrite = 0;

    /// <summary>Powers up again after a cut; what was written stays.</summary>
    public void Reboot()
    {
        _off = false;
        _cutAtWrite = 0;
    }

    /// <summary>Total bytes of the files whose names start with <paramref name="prefix"/>.</summary>
    public long BytesOf(string prefix) => _files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(f => (long)f.Value.Length);

    /// <summary>Sets one stored byte, as damaged flash would.</summary>
    public void Damage(string name, int position, byte value) => _files[name].Data[position] = value;

    public bool Exists(string name)
    {
        Check(name);
        return _files.ContainsKey(name);
    }

    public int Length(string name)
    {
        Check(name);
        return FileOf(name).Length;
    }

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        Check(name);
        CheckRange(buffer, offset, count);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        FakeFile file = FileOf(name);
        int copied = Math.Max(0, Math.Min(count, file.Length - position));
        Array.Copy(file.Data, position, buffer, offset, copied);
        return copied;
    }

    public void Append(string name, byte[] data, int offset, int count)
    {
        Check(name);
        CheckRange(data, offset, count);
        if (!_files.TryGetValue(name, out FakeFile? file))
        {
            file = new FakeFile(initialFileCapacity);
            _files.Add(name, file);
        }

        if (StartWrite())
        {
            file.Append(data, offset, count);
            return;
        }

        TearInto(file, data, offset, count, "Append " + name);
    }

    public void Replace(string name, byte[] data, int offset, int count)
    {
        Check(name);
        CheckRange(data, offset, count);
        string temporary = name + FileNames.TemporarySuffix;
        var written = new FakeFile(count);
        _files[temporary] = written;
        bool cut = !StartWrite();
        int mode = cut ? _random.Next(5) : 4;
        if (mode == 4)
        {
            written.Append(data, offset, count);
            _files.Remove(temporary);
            _files[name] = written;
            if (cut)
            {
                Interrupt("Replace " + name + ": renamed, then interrupted");
            }

            return;
        }

        TearInto(written, data, offset, count, "Replace " + name + " (temporary file, not renamed)", mode);
    }

    public void Delete(string name)
    {
        Check(name);
        if (StartWrite())
        {
            _files.Remove(name);
            return;
        }

        bool deleted = _random.Next(2) == 0 && _files.Remove(name);
        Interrupt("Delete " + name + (deleted ? ": deleted, then interrupted" : ": interrupted before"));
    }

    public string[] List()
    {
        CheckPower();
        return _files.Keys.Where(FileNames.IsValid).ToArray();
    }

    public long FreeBytes()
    {
        CheckPower();
        return CapacityBytes - _files.Values.Sum(f => (long)f.Length);
    }

    // Counts the write; false when this is the one that loses power.
    private bool StartWrite()
    {
        Writes++;
        return Writes != _cutAtWrite;
    }

    // Writes nothing, a prefix, everything with a garbled tail, or everything, then interrupts.
    private void TearInto(FakeFile file, byte[] data, int offset, int count, string what, int mode = -1)
    {
        if (mode < 0)
        {
            mode = _random.Next(4);
        }

        switch (mode)
        {
            case 0:
                Interrupt(what + ": nothing written");
                break;
            case 1:
                int prefix = count == 0 ? 0 : _random.Next(count);
                file.Append(data, offset, prefix);
                Interrupt(what + ": " + prefix + " of " + count + " bytes written");
                break;
            case 2:
                int start = file.Length;
                file.Append(data, offset, count);
                // The last page programmed badly: a run of up to 24 bytes at the end, of which at least one differs.
                int garbled = count == 0 ? 0 : 1 + _random.Next(Math.Min(24, count));
                for (int i = 0; i < garbled; i++)
                {
                    int at = start + count - 1 - i;
                    file.Data[at] = i == 0 ? (byte)(file.Data[at] ^ _random.Next(1, 256)) : (byte)_random.Next(256);
                }

                Interrupt(what + ": " + count + " bytes written, last " + garbled + " garbled");
                break;
            default:
                file.Append(data, offset, count);
                Interrupt(what + ": all " + count + " bytes written, then interrupted");
                break;
        }
    }

    private void Interrupt(string what)
    {
        LastCut = what;
        if (_staysOn)
        {
            _cutAtWrite = 0;
            throw new IOException("flash write failed: " + what);
        }

        _off = true;
        throw new PowerLossException("power lost during " + what);
    }

    private void Check(string name)
    {
        CheckPower();
        FileNames.Check(name);
    }

    private void CheckPower()
    {
        if (_off)
        {
            throw new PowerLossException("power is off: " + LastCut);
        }
    }

    private FakeFile FileOf(string name) =>
        _files.TryGetValue(name, out FakeFile? file) ? file : throw new FileNotFoundException($"'{name}' does not exist on the fake flash", name);

    private static void CheckRange(byte[] data, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (offset < 0 || count < 0 || offset > data.Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"offset {offset} and count {count} do not fit an array of {data.Length} bytes");
        }
    }

    private sealed class FakeFile(int capacity)
    {
        public byte[] Data { get; private set; } = new byte[Math.Max(capacity, 16)];

        public int Length { get; private set; }

        public void Append(byte[] data, int offset, int count)
        {
            if (Length + count > Data.Length)
            {
                byte[] larger = new byte[Math.Max(Data.Length * 2, Length + count)];
                Array.Copy(Data, larger, Length);
                Data = larger;
            }

            Array.Copy(data, offset, Data, Length, count);
            Length += count;
        }
    }
}
