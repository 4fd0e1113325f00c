using NordicIoT.Cloud.Sqlite;
using NordicIoT.Testing;

namespace NordicIoT.Cloud.Storage.Tests;

/// <summary>The contract on the SQLite engine, a new database file per test.</summary>
public sealed class SqliteCloudStorageTests : CloudStorageContract
{
    private readonly TempFolder _folder = new("sqlite-storage");

    private string DatabasePath => Path.Combine(_folder.Path, "data", "nordiciot.db");

    protected override ICloudStorage CreateStorage() => new SqliteCloudStorage(DatabasePath);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Data_survives_reopening_the_file()
    {
        await Storage.Devices.TryCreateAsync(Twin("dev-1"), None);
        await Storage.DisposeAsync();

        await using var reopened = new SqliteCloudStorage(DatabasePath);
        await reopened.InitializeAsync(None);

        Assert.NotNull(await reopened.Devices.GetAsync("dev-1", None));
    }

    [Fact]
    public async Task Database_from_a_newer_schema_is_refused()
    {
        await Storage.DisposeAsync();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        await using var newer = new SqliteCloudStorage(DatabasePath);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync(None));
        Assert.Contains("99", error.Message);
    }
}
