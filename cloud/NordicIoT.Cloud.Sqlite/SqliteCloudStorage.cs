using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.DeadLetters;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.Readings;
using NordicIoT.Cloud.Rollouts;
using NordicIoT.Cloud.Storage;

namespace NordicIoT.Cloud.Sqlite;

/// <summary>The embedded storage engine: every store in one SQLite file (WAL), safe for concurrent callers in one or several processes.</summary>
public sealed class SqliteCloudStorage : ICloudStorage
{
    private readonly string _databasePath;
    private readonly SqliteSessionPool _pool;

    /// <summary>Uses the database file at <paramref name="databasePath"/>; <see cref="InitializeAsync"/> creates it and its folder if missing.</summary>
    public SqliteCloudStorage(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _databasePath = Path.GetFullPath(databasePath);
        _pool = new SqliteSessionPool(_databasePath);
        Devices = new SqliteDeviceStore(_pool);
        Readings = new SqliteReadingStore(_pool);
        DeadLetters = new SqliteDeadLetterStore(_pool);
        ApiKeys = new SqliteApiKeyStore(_pool);
        Releases = new SqliteReleaseStore(_pool);
        Rollouts = new SqliteRolloutStore(_pool);
    }

    public IDeviceStore Devices { get; }

    public IReadingStore Readings { get; }

    public IDeadLetterStore DeadLetters { get; }

    public IApiKeyStore ApiKeys { get; }

    public IReleaseStore Releases { get; }

    public IRolloutStore Rollouts { get; }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(Path.GetDirectoryName(_databasePath)!);
        _pool.Read(session =>
        {
            using var version = session.Connection.CreateCommand();
            version.CommandText = "PRAGMA user_version";
            long found = (long)version.ExecuteScalar()!;
            if (found > SqliteSchema.Version)
            {
                throw new InvalidOperationException($"database {_databasePath} has schema version {found}; this build knows up to {SqliteSchema.Version}");
            }

            using var create = session.Connection.CreateCommand();
            create.CommandText = SqliteSchema.Create;
            return create.ExecuteNonQuery();
        });
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _pool.Dispose();
        return ValueTask.CompletedTask;
    }
}
