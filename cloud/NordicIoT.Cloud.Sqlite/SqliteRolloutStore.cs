using Microsoft.Data.Sqlite;
using NordicIoT.Cloud.Rollouts;
using NordicIoT.Cloud.Storage.Ota;

namespace NordicIoT.Cloud.Sqlite;

/// <summary>Rollouts (ids from AUTOINCREMENT, so never reused) and executions keyed (rollout, device); both compare-and-swap on a version column.</summary>
internal sealed class SqliteRolloutStore(SqliteSessionPool pool) : IRolloutStore
{
    private const string InsertRollout = "INSERT INTO rollouts (status, revision, doc) VALUES (@status, 1, @doc) RETURNING id";

    private const string SelectRollout = "SELECT id, revision, doc FROM rollouts WHERE id = @id";

    private const string SelectRollouts = "SELECT id, revision, doc FROM rollouts ORDER BY id DESC";

    private const string ReplaceRollout = "UPDATE rollouts SET status = @status, revision = @expected + 1, doc = @doc WHERE id = @id AND revision = @expected";

    private const string InsertExecution = "INSERT OR IGNORE INTO executions (rollout, device, version, doc) VALUES (@rollout, @device, 1, @doc)";

    private const string SelectExecution = "SELECT rollout, device, version, doc FROM executions WHERE rollout = @rollout AND device = @device";

    private const string ReplaceExecution = """
        UPDATE executions SET version = @expected + 1, doc = @doc WHERE rollout = @rollout AND device = @device AND version = @expected
        """;

    private const string SelectExecutions = """
        SELECT rollout, device, version, doc FROM executions WHERE rollout = @rollout AND device > @after ORDER BY device LIMIT @limit
        """;

    private const string SelectDeviceExecutions = "SELECT rollout, device, version, doc FROM executions WHERE device = @device ORDER BY rollout DESC";

    public Task<Rollout> AddAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        OtaArguments.CheckRollout(rollout);
        cancellationToken.ThrowIfCancellationRequested();
        rollout.Id = pool.Write(session =>
        {
            SqliteCommand command = session.Command(InsertRollout, "@status", "@doc");
            command.Parameters[0].Value = (int)rollout.Status;
            command.Parameters[1].Value = OtaDocuments.Serialize(rollout);
            return (long)command.ExecuteScalar()!;
        });
        rollout.Revision = 1;
        return Task.FromResult(rollout);
    }

    public Task<Rollout?> GetAsync(long rolloutId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(pool.Read(session =>
        {
            SqliteCommand command = session.Command(SelectRollout, "@id");
            command.Parameters[0].Value = rolloutId;
            using SqliteDataReader reader = command.ExecuteReader();
            return reader.Read() ? OtaDocuments.Rollout(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)) : null;
        }));
    }

    public Task<IReadOnlyList<Rollout>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<Rollout> rollouts = pool.Read(session =>
        {
            var found = new List<Rollout>();
            using SqliteDataReader reader = session.Command(SelectRollouts).ExecuteReader();
            while (reader.Read())
            {
                found.Add(OtaDocuments.Rollout(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
            }

            return found;
        });
        return Task.FromResult(rollouts);
    }

    public Task<bool> TryReplaceAsync(Rollout rollout, long expectedRevision, CancellationToken cancellationToken)
    {
        OtaArguments.CheckRollout(rollout);
        cancellationToken.ThrowIfCancellationRequested();
        bool replaced = pool.Write(session =>
        {
            SqliteCommand command = session.Command(ReplaceRollout, "@id", "@status", "@doc", "@expected");
            command.Parameters[0].Value = rollout.Id;
            command.Parameters[1].Value = (int)rollout.Status;
            command.Parameters[2].Value = OtaDocuments.Serialize(rollout);
            command.Parameters[3].Value = expectedRevision;
            return command.ExecuteNonQuery() == 1;
        });
        if (replaced)
        {
            rollout.Revision = expectedRevision + 1;
        }

        return Task.FromResult(replaced);
    }

    public Task<bool> TryAddExecutionAsync(Execution execution, CancellationToken cancellationToken)
    {
        OtaArguments.CheckExecution(execution);
        cancellationToken.ThrowIfCancellationRequested();
        bool added = pool.Write(session =>
        {
            SqliteCommand command = session.Command(InsertExecution, "@rollout", "@device", "@doc");
            command.Parameters[0].Value = execution.RolloutId;
            command.Parameters[1].Value = execution.DeviceId;
            command.Parameters[2].Value = OtaDocuments.Serialize(execution);
            return command.ExecuteNonQuery() == 1;
        });
        if (added)
        {
            execution.VersionNumber = 1;
        }

        return Task.FromResult(added);
    }

    public Task<Execution?> GetExecutionAsync(long rolloutId, string deviceId, CancellationToken cancellationToken)
    {
        Storage.StorageArguments.CheckDeviceId(deviceId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(pool.Read(session =>
        {
            SqliteCommand command = session.Command(SelectExecution, "@rollout", "@device");
            command.Parameters[0].Value = rolloutId;
            command.Parameters[1].Value = deviceId;
            using SqliteDataReader reader = command.ExecuteReader();
            return reader.Read() ? ReadExecution(reader) : null;
        }));
    }

    public Task<bool> TryReplaceExecutionAsync(Execution execution, long expectedVersion, CancellationToken cancellationToken)
    {
        OtaArguments.CheckExecution(execution);
        cancellationToken.ThrowIfCancellationRequested();
        bool replaced = pool.Write(session =>
        {
            SqliteCommand command = session.Command(ReplaceExecution, "@rollout", "@device", "@doc", "@expected");
            command.Parameters[0].Value = execution.RolloutId;
            command.Parameters[1].Value = execution.DeviceId;
            command.Parameters[2].Value = OtaDocuments.Serialize(execution);
            command.Parameters[3].Value = expectedVersion;
            return command.ExecuteNonQuery() == 1;
        });
        if (replaced)
        {
            execution.VersionNumber = expectedVersion + 1;
        }

        return Task.FromResult(replaced);
    }

    public Task<IReadOnlyList<Execution>> ListExecutionsAsync(long rolloutId, string? afterDeviceId, int limit, CancellationToken cancellationToken)
    {
        Storage.StorageArguments.CheckLimit(limit);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<Execution> executions = pool.Read(session =>
        {
            SqliteCommand command = session.Command(SelectExecutions, "@rollout", "@after", "@limit");
            command.Parameters[0].Value = rolloutId;
            command.Parameters[1].Value = afterDeviceId ?? "";
            command.Parameters[2].Value = limit;
            return ReadExecutions(command);
        });
        return Task.FromResult(executions);
    }

    public Task<IReadOnlyList<Execution>> ListDeviceExecutionsAsync(string deviceId, CancellationToken cancellationToken)
    {
        Storage.StorageArguments.CheckDeviceId(deviceId);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<Execution> executions = pool.Read(session =>
        {
            SqliteCommand command = session.Command(SelectDeviceExecutions, "@device");
            command.Parameters[0].Value = deviceId;
            return ReadExecutions(command);
        });
        return Task.FromResult(executions);
    }

    private static List<Execution> ReadExecutions(SqliteCommand command)
    {
        var found = new List<Execution>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            found.Add(ReadExecution(reader));
        }

        return found;
    }

    private static Execution ReadExecution(SqliteDataReader reader) =>
        OtaDocuments.Execution(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3));
}
