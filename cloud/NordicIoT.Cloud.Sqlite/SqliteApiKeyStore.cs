using Microsoft.Data.Sqlite;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Storage;

namespace NordicIoT.Cloud.Sqlite;

/// <summary>API key records in the api_keys table, found by their unique hash.</summary>
internal sealed class SqliteApiKeyStore(SqliteSessionPool pool) : IApiKeyStore
{
    private const string Columns = "id, name, role, hash, created_at";

    private const string Insert = $"INSERT INTO api_keys ({Columns}) VALUES (@id, @name, @role, @hash, @created_at)";

    private const string SelectByHash = $"SELECT {Columns} FROM api_keys WHERE hash = @hash";

    private const string SelectAll = $"SELECT {Columns} FROM api_keys ORDER BY created_at, id";

    private const string Delete = "DELETE FROM api_keys WHERE id = @id";

    // SQLITE_CONSTRAINT: the id or the hash is taken.
    private const int ConstraintViolation = 19;

    public Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        StorageArguments.CheckApiKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            pool.Write(session =>
            {
                SqliteCommand command = session.Command(Insert, "@id", "@name", "@role", "@hash", "@created_at");
                command.Parameters[0].Value = key.Id;
                command.Parameters[1].Value = key.Name;
                command.Parameters[2].Value = (int)key.Role;
                command.Parameters[3].Value = key.Hash;
                command.Parameters[4].Value = StoredTime.ToTicks(key.CreatedAt);
                return command.ExecuteNonQuery();
            });
        }
        catch (SqliteException e) when (e.SqliteErrorCode == ConstraintViolation)
        {
            throw new InvalidOperationException($"an API key with id '{key.Id}' or the same hash exists already", e);
        }

        return Task.CompletedTask;
    }

    public Task<ApiKeyRecord?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        StorageArguments.CheckHash(hash);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(pool.Read(session =>
        {
            SqliteCommand command = session.Command(SelectByHash, "@hash");
            command.Parameters[0].Value = hash;
            using SqliteDataReader reader = command.ExecuteReader();
            return reader.Read() ? ReadKey(reader) : null;
        }));
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<ApiKeyRecord> keys = pool.Read(session =>
        {
            var found = new List<ApiKeyRecord>();
            using SqliteDataReader reader = session.Command(SelectAll).ExecuteReader();
            while (reader.Read())
            {
                found.Add(ReadKey(reader));
            }

            return found;
        });
        return Task.FromResult(keys);
    }

    public Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(pool.Write(session =>
        {
            SqliteCommand command = session.Command(Delete, "@id");
            command.Parameters[0].Value = id;
            return command.ExecuteNonQuery() == 1;
        }));
    }

    private static ApiKeyRecord ReadKey(SqliteDataReader reader) => new(
        Id: reader.GetString(0),
        Name: reader.GetString(1),
        Role: (ApiRole)reader.GetInt32(2),
        Hash: reader.GetString(3),
        CreatedAt: StoredTime.FromTicks(reader.GetInt64(4)));
}
