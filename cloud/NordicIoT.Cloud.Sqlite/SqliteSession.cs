using Microsoft.Data.Sqlite;

namespace NordicIoT.Cloud.Sqlite;

/// <summary>One open connection and the commands prepared on it; used by one caller at a time (see <see cref="SqliteSessionPool"/>).</summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    private SqliteSession(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>Opens a connection with the per-connection settings the engine relies on.</summary>
    public static SqliteSession Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();

            // WAL makes commits durable at checkpoints, so NORMAL loses at most the last commits on power loss, never consistency.
            // busy_timeout covers writers in other processes; writers in this one queue on the pool's write gate.
            pragmas.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";
            pragmas.ExecuteNonQuery();
            return new SqliteSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The prepared command for <paramref name="sql"/> (created and prepared on first use) with the given parameter names, enlisted in the current transaction.</summary>
    /// <remarks>Callers set every parameter's value before executing: values from the previous use are still bound.</remarks>
    public SqliteCommand Command(string sql, params ReadOnlySpan<string> parameterNames)
    {
        if (!_commands.TryGetValue(sql, out SqliteCommand? command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (string name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            _commands.Add(sql, command);
        }

        command.Transaction = _transaction;
        return command;
    }

    /// <summary>Runs <paramref name="work"/> in one IMMEDIATE transaction: committed if it returns, rolled back if it throws.</summary>
    public T InTransaction<T>(Func<SqliteSession, T> work)
    {
        using SqliteTransaction transaction = Connection.BeginTransaction(deferred: false);
        _transaction = transaction;
        try
        {
            T result = work(this);
            transaction.Commit();
            return result;
        }
        finally
        {
            _transaction = null;
        }
    }

    public void Dispose()
    {
        foreach (SqliteCommand command in _commands.Values)
        {
            command.Dispose();
        }

        Connection.Dispose();
    }
}
