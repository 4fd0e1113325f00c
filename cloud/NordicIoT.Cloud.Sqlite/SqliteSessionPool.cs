using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace NordicIoT.Cloud.Sqlite;

/// <summary>Open connections (with their prepared commands) shared by concurrent callers; writes in this process take turns, since SQLite has one writer at a time anyway.</summary>
internal sealed class SqliteSessionPool : IDisposable
{
    // Enough for the API and the MQTT bridge reading at once on a small machine; extra sessions are closed when returned.
    private const int MaxIdleSessions = 8;

    private readonly string _connectionString;
    private readonly ConcurrentBag<SqliteSession> _idle = [];
    private readonly Lock _writeGate = new();
    private volatile bool _disposed;

    public SqliteSessionPool(string databasePath)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // This pool keeps connections open itself; the driver's pool would hold the file after Dispose.
            Pooling = false,
        }.ToString();
    }

    /// <summary>Runs <paramref name="work"/> on a session of its own (reads see the last committed state).</summary>
    public T Read<T>(Func<SqliteSession, T> work)
    {
        SqliteSession session = Rent();
        try
        {
            return work(session);
        }
        finally
        {
            Return(session);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction, after the writes of other callers in this process.</summary>
    public T Write<T>(Func<SqliteSession, T> work)
    {
        SqliteSession session = Rent();
        try
        {
            lock (_writeGate)
            {
                return session.InTransaction(work);
            }
        }
        finally
        {
            Return(session);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out SqliteSession? session))
        {
            session.Dispose();
        }
    }

    private SqliteSession Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _idle.TryTake(out SqliteSession? session) ? session : SqliteSession.Open(_connectionString);
    }

    private void Return(SqliteSession session)
    {
        if (_disposed || _idle.Count >= MaxIdleSessions)
        {
            session.Dispose();
            return;
        }

        _idle.Add(session);

        // Dispose may have emptied the bag between the check and the Add.
        if (_disposed && _idle.TryTake(out SqliteSession? late))
        {
            late.Dispose();
        }
    }
}
