using Microsoft.Data.Sqlite;
using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.Storage.Ota;

namespace NordicIoT.Cloud.Sqlite;

/// <summary>Release metadata in the releases table; the unique version_key column keeps one release per version.</summary>
internal sealed class SqliteReleaseStore(SqliteSessionPool pool) : IReleaseStore
{
    private const string Columns = "id, version, status, created_at, doc, manifest, signature";

    private const string Insert = """
        INSERT OR IGNORE INTO releases (id, version, version_key, status, created_at, doc, manifest, signature)
        VALUES (@id, @version, @version_key, @status, @created_at, @doc, @manifest, @signature)
        """;

    private const string SelectOne = $"SELECT {Columns} FROM releases WHERE id = @id";

    private const string SelectByVersion = $"SELECT {Columns} FROM releases WHERE version_key = @version_key";

    private const string SelectAll = $"SELECT {Columns} FROM releases ORDER BY created_at DESC, id DESC";

    private const string SetStatus = "UPDATE releases SET status = @status WHERE id = @id AND status = @expected";

    private const string Delete = "DELETE FROM releases WHERE id = @id";

    public Task<bool> TryAddAsync(Release release, CancellationToken cancellationToken)
    {
        OtaArguments.CheckRelease(release);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(pool.Write(session =>
        {
            SqliteCommand command = session.Command(Insert, "@id", "@version", "@version_key", "@status", "@created_at", "@doc", "@manifest", "@signature");
            command.Parameters[0].Value = release.Id;
            command.Parameters[1].Value = release.Version;
            command.Parameters[2].Value = OtaArguments.VersionKey(release.Version);
            command.Parameters[3].Value = (int)release.Status;
            command.Parameters[4].Value = Storage.StoredTime.ToTicks(release.CreatedAt);
            command.Parameters[5].Value = OtaDocuments.Serialize(release);
            command.Parameters[6].Value = release.Manifest;
            command.Parameters[7].Value = release.Signature;
            return command.ExecuteNonQuery() == 1;
        }));
    }

    public Task<Release?> GetAsync(string releaseId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(FirmwareFileNames.IsValidId(releaseId) ? ReadOne(SelectOne, "@id", releaseId) : null);
    }

    public Task<Release?> FindByVersionAsync(string version, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadOne(SelectByVersion, "@version_key", OtaArguments.VersionKey(version)));
    }

    public Task<IReadOnlyList<Release>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<Release> releases = pool.Read(session =>
        {
            var found = new List<Release>();
            using SqliteDataReader reader = session.Command(SelectAll).ExecuteReader();
            while (reader.Read())
            {
                found.Add(ReadRelease(reader));
            }

            return found;
        });
        return Task.FromResult(releases);
    }

    public Task<bool> TrySetStatusAsync(string releaseId, ReleaseStatus expected, ReleaseStatus status, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!FirmwareFileNames.IsValidId(releaseId))
        {
            return Task.FromResult(false);
        }

        return Task.FromResult(pool.Write(session =>
        {
            SqliteCommand command = session.Command(SetStatus, "@id", "@status", "@expected");
            command.Parameters[0].Value = releaseId;
            command.Parameters[1].Value = (int)status;
            command.Parameters[2].Value = (int)expected;
            return command.ExecuteNonQuery() == 1;
        }));
    }

    public Task<bool> DeleteAsync(string releaseId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!FirmwareFileNames.IsValidId(releaseId))
        {
            return Task.FromResult(false);
        }

        return Task.FromResult(pool.Write(session =>
        {
            SqliteCommand command = session.Command(Delete, "@id");
            command.Parameters[0].Value = releaseId;
            return command.ExecuteNonQuery() == 1;
        }));
    }

    private Release? ReadOne(string sql, string parameter, string value) => pool.Read(session =>
    {
        SqliteCommand command = session.Command(sql, parameter);
        command.Parameters[0].Value = value;
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? ReadRelease(reader) : null;
    });

    private static Release ReadRelease(SqliteDataReader reader) => OtaDocuments.Release(
        id: reader.GetString(0),
        version: reader.GetString(1),
        status: (ReleaseStatus)reader.GetInt32(2),
        createdTicks: reader.GetInt64(3),
        json: reader.GetString(4),
        manifest: (byte[])reader.GetValue(5),
        signature: (byte[])reader.GetValue(6));
}
