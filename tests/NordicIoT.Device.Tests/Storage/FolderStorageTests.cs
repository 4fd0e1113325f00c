using NordicIoT.Device.Host.Storage;
using NordicIoT.Device.Storage;

namespace NordicIoT.Device.Tests.Storage;

public sealed class FolderStorageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nordiciot-storage-" + Guid.NewGuid().ToString("N"));
    private readonly FolderStorage _storage;

    public FolderStorageTests() => _storage = new FolderStorage(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Append_creates_then_extends_a_file()
    {
        Assert.False(_storage.Exists("log"));
        _storage.Append("log", [9, 1, 2, 9], 1, 2);
        _storage.Append("log", [3], 0, 1);

        Assert.True(_storage.Exists("log"));
        Assert.Equal(3, _storage.Length("log"));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(_folder, "log")));
    }

    [Fact]
    public void Read_copies_from_a_position_and_stops_at_the_end()
    {
        _storage.Append("data", [10, 11, 12, 13, 14], 0, 5);
        var buffer = new byte[6];

        Assert.Equal(3, _storage.Read("data", 1, buffer, 2, 3));
        Assert.Equal([0, 0, 11, 12, 13, 0], buffer);
        Assert.Equal(2, _storage.Read("data", 3, buffer, 0, 6));
        Assert.Equal(0, _storage.Read("data", 5, buffer, 0, 6));
        Assert.Equal(0, _storage.Read("data", 50, buffer, 0, 6));
    }

    [Fact]
    public void Replace_sets_the_whole_content_and_leaves_no_temporary_file()
    {
        _storage.Append("head", [1, 2, 3, 4, 5], 0, 5);
        _storage.Replace("head", [7, 8, 9], 1, 2);

        Assert.Equal([8, 9], File.ReadAllBytes(Path.Combine(_folder, "head")));
        Assert.Equal(["head"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void List_names_the_files_but_not_temporary_ones()
    {
        _storage.Replace("a", [1], 0, 1);
        _storage.Append("b.bin", [1], 0, 1);
        File.WriteAllBytes(Path.Combine(_folder, "a~"), [2]); // a Replace cut short by a crash

        Assert.Equal(["a", "b.bin"], _storage.List().Order());
    }

    [Fact]
    public void Delete_removes_a_file_and_ignores_a_missing_one()
    {
        _storage.Append("gone", [1], 0, 1);
        _storage.Delete("gone");
        _storage.Delete("never-there");

        Assert.False(_storage.Exists("gone"));
        Assert.Empty(_storage.List());
    }

    [Fact]
    public void Bad_names_and_ranges_are_refused()
    {
        Assert.Throws<ArgumentException>(() => _storage.Append("../escape", [1], 0, 1));
        Assert.Throws<ArgumentException>(() => _storage.Exists("sub/file"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _storage.Append("ok", [1, 2], 1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => _storage.Read("ok", -1, new byte[1], 0, 1));
        var missing = Assert.Throws<FileNotFoundException>(() => _storage.Length("missing"));
        Assert.Contains("'missing'", missing.Message);
        Assert.Throws<FileNotFoundException>(() => _storage.Read("missing", 0, new byte[1], 0, 1));
        Assert.False(File.Exists(Path.Combine(_folder, "ok")));
    }

    [Fact]
    public void A_reading_buffer_on_a_folder_keeps_its_readings_across_instances()
    {
        var buffer = new ReadingBuffer(_storage, ReadingBuffer.DefaultCapacityBytes);
        buffer.Open();
        var random = new Random(5);
        for (int i = 0; i < 400; i++)
        {
            Reading.Random(random).AppendTo(buffer);
        }

        buffer.RemoveThrough(99);
        List<string> held = Reading.ReadAll(buffer);

        var reopened = new ReadingBuffer(new FolderStorage(_folder), ReadingBuffer.DefaultCapacityBytes);
        reopened.Open();

        Assert.Equal(300, held.Count);
        Assert.Equal(held, Reading.ReadAll(reopened));
        Assert.Equal(100, reopened.FirstSequence);
        Assert.Equal(400, reopened.NextSequence);
        Assert.Contains("rb-head", _storage.List());
    }
}
