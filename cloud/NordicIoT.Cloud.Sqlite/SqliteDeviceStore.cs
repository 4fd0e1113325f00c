using System.Text;
using Microsoft.Data.Sqlite;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Storage;

namespace NordicIoT.Cloud.Sqlite;

/// <summary>Device twins in the devices table: the twin document as JSON, with id, group, times and version as columns.</summary>
internal sealed class SqliteDeviceStore(SqliteSessionPool pool) : IDeviceStore
{
    private const string Columns = "id, grp, created_at, seen_key, version, doc";

    private const string SelectOne = $"SELECT {Columns} FROM devices WHERE id = @id";

    private const string Insert = """
        INSERT OR IGNORE INTO devices (id, grp, created_at, seen_key, version, doc)
        VALUES (@id, @grp, @created_at, @seen_key, 1, @doc)
        """;

    // The compare-and-swap: the row changes only while it still has the version the caller read.
    private const string Replace = """
        UPDATE devices SET grp = @grp, created_at = @created_at, seen_key = @seen_key, version = @expected + 1, doc = @doc
        WHERE id = @id AND version = @expected
        """;

    private const string Count = "SELECT COUNT(*) FROM devices";

    public Task<DeviceTwin?> GetAsync(string deviceId, CancellationToken cancellationToken)
    {
        StorageArguments.CheckDeviceId(deviceId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(pool.Read(session =>
        {
            SqliteCommand command = session.Command(SelectOne, "@id");
            command.Parameters[0].Value = deviceId;
            using SqliteDataReader reader = command.ExecuteReader();
            return reader.Read() ? ReadTwin(reader) : null;
        }));
    }

    public Task<bool> TryCreateAsync(DeviceTwin twin, CancellationToken cancellationToken)
    {
        StorageArguments.CheckTwin(twin);
        cancellationToken.ThrowIfCancellationRequested();
        bool created = pool.Write(session =>
        {
            SqliteCommand command = session.Command(Insert, "@id", "@grp", "@created_at", "@seen_key", "@doc");
            BindTwin(command, twin);
            return command.ExecuteNonQuery() == 1;
        });
        if (created)
        {
            twin.Version = 1;
        }

        return Task.FromResult(created);
    }

    public Task<bool> TryReplaceAsync(DeviceTwin twin, long expectedVersion, CancellationToken cancellationToken)
    {
        StorageArguments.CheckTwin(twin);
        cancellationToken.ThrowIfCancellationRequested();
        bool replaced = pool.Write(session =>
        {
            SqliteCommand command = session.Command(Replace, "@id", "@grp", "@created_at", "@seen_key", "@doc", "@expected");
            BindTwin(command, twin);
            command.Parameters[5].Value = expectedVersion;
            return command.ExecuteNonQuery() == 1;
        });
        if (replaced)
        {
            twin.Version = expectedVersion + 1;
        }

        return Task.FromResult(replaced);
    }

    public Task<DevicePage> ListAsync(DeviceQuery query, CancellationToken cancellationToken)
    {
        FleetPosition? after = StorageArguments.CheckQuery(query);
        cancellationToken.ThrowIfCancellationRequested();
        string sql = ListSql(query, after is not null);
        List<DeviceTwin> twins = pool.Read(session =>
        {
            SqliteCommand command = session.Command(sql, "@grp", "@search", "@after_key", "@after_id", "@take");
            command.Parameters[0].Value = (object?)query.Group ?? DBNull.Value;
            command.Parameters[1].Value = query.Search is null ? DBNull.Value : query.Search.ToLowerInvariant();
            command.Parameters[2].Value = after?.SeenKey ?? 0;
            command.Parameters[3].Value = (object?)after?.DeviceId ?? DBNull.Value;

            // One more than the page: whether it exists says if there is a next page.
            command.Parameters[4].Value = query.PageSize + 1;
            var found = new List<DeviceTwin>(query.PageSize + 1);
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(ReadTwin(reader));
            }

            return found;
        });

        if (twins.Count <= query.PageSize)
        {
            return Task.FromResult(new DevicePage(twins, null));
        }

        twins.RemoveAt(query.PageSize);
        return Task.FromResult(new DevicePage(twins, FleetPosition.After(twins[^1], query.Sort).ToToken()));
    }

    public Task<int> CountAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(pool.Read(session => Convert.ToInt32(session.Command(Count).ExecuteScalar())));
    }

    // One statement text per combination of filters, so each is prepared once per connection.
    private static string ListSql(DeviceQuery query, bool hasPosition)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM devices WHERE 1 = 1");
        if (query.Group is not null)
        {
            sql.Append(" AND grp = @grp");
        }

        if (query.Search is not null)
        {
            // Device ids are ASCII, where SQLite's lower() and ToLowerInvariant agree.
            sql.Append(" AND instr(lower(id), @search) > 0");
        }

        (string position, string order) = query.Sort switch
        {
            DeviceSort.Id => ("id > @after_id", "id"),
            DeviceSort.LastSeenNewest => ("(seen_key < @after_key OR (seen_key = @after_key AND id > @after_id))", "seen_key DESC, id"),
            _ => ("(seen_key > @after_key OR (seen_key = @after_key AND id > @after_id))", "seen_key, id"),
        };
        if (hasPosition)
        {
            sql.Append(" AND ").Append(position);
        }

        return sql.Append(" ORDER BY ").Append(order).Append(" LIMIT @take").ToString();
    }

    private static void BindTwin(SqliteCommand command, DeviceTwin twin)
    {
        command.Parameters[0].Value = twin.DeviceId;
        command.Parameters[1].Value = (object?)twin.Group ?? DBNull.Value;
        command.Parameters[2].Value = StoredTime.ToTicks(twin.CreatedAt);
        command.Parameters[3].Value = FleetPosition.SeenKeyOf(twin.LastSeen);
        command.Parameters[4].Value = TwinDocument.Serialize(twin);
    }

    private static DeviceTwin ReadTwin(SqliteDataReader reader) => TwinDocument.Deserialize(
        json: reader.GetString(5),
        deviceId: reader.GetString(0),
        createdAt: StoredTime.FromTicks(reader.GetInt64(2)),
        group: reader.IsDBNull(1) ? null : reader.GetString(1),
        lastSeen: FleetPosition.LastSeenOf(reader.GetInt64(3)),
        version: reader.GetInt64(4));
}
