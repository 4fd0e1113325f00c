using Microsoft.Data.Sqlite;
using NordicIoT.Cloud.DeadLetters;
using NordicIoT.Cloud.Storage;

namespace NordicIoT.Cloud.Sqlite;

/// <summary>Refused messages in the dead_letters table, newest first by receive time (then id).</summary>
internal sealed class SqliteDeadLetterStore(SqliteSessionPool pool) : IDeadLetterStore
{
    private const string Columns = "id, received_at, topic, device, reason, detail, payload, payload_length";

    // Storing the same id again replaces it, as a DynamoDB put does.
    private const string Insert = $"""
        INSERT OR REPLACE INTO dead_letters ({Columns})
        VALUES (@id, @received_at, @topic, @device, @reason, @detail, @payload, @payload_length)
        """;

    private const string ListAll = $"SELECT {Columns} FROM dead_letters ORDER BY received_at DESC, id DESC LIMIT @limit";

    private const string ListDevice = $"SELECT {Columns} FROM dead_letters WHERE device = @device ORDER BY received_at DESC, id DESC LIMIT @limit";

    private const string CountAll = "SELECT COUNT(*) FROM dead_letters";

    private const string CountDevice = "SELECT COUNT(*) FROM dead_letters WHERE device = @device";

    public Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        StorageArguments.CheckDeadLetter(deadLetter);
        cancellationToken.ThrowIfCancellationRequested();
        pool.Write(session =>
        {
            SqliteCommand command = session.Command(Insert, "@id", "@received_at", "@topic", "@device", "@reason", "@detail", "@payload", "@payload_length");
            command.Parameters[0].Value = deadLetter.Id;
            command.Parameters[1].Value = StoredTime.ToTicks(deadLetter.ReceivedAt);
            command.Parameters[2].Value = deadLetter.Topic;
            command.Parameters[3].Value = (object?)deadLetter.DeviceId ?? DBNull.Value;
            command.Parameters[4].Value = deadLetter.Reason;
            command.Parameters[5].Value = deadLetter.Detail;
            command.Parameters[6].Value = StorageArguments.StoredPayload(deadLetter);
            command.Parameters[7].Value = deadLetter.PayloadLength;
            return command.ExecuteNonQuery();
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeadLetter>> ListAsync(string? deviceId, int limit, CancellationToken cancellationToken)
    {
        CheckFilter(deviceId);
        StorageArguments.CheckLimit(limit);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<DeadLetter> letters = pool.Read(session =>
        {
            SqliteCommand command = deviceId is null ? session.Command(ListAll, "@limit") : session.Command(ListDevice, "@limit", "@device");
            command.Parameters[0].Value = limit;
            if (deviceId is not null)
            {
                command.Parameters[1].Value = deviceId;
            }

            var found = new List<DeadLetter>();
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(new DeadLetter(
                    Id: reader.GetString(0),
                    ReceivedAt: StoredTime.FromTicks(reader.GetInt64(1)),
                    Topic: reader.GetString(2),
                    DeviceId: reader.IsDBNull(3) ? null : reader.GetString(3),
                    Reason: reader.GetString(4),
                    Detail: reader.GetString(5),
                    Payload: (byte[])reader.GetValue(6),
                    PayloadLength: reader.GetInt32(7)));
            }

            return found;
        });
        return Task.FromResult(letters);
    }

    public Task<long> CountAsync(string? deviceId, CancellationToken cancellationToken)
    {
        CheckFilter(deviceId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(pool.Read(session =>
        {
            SqliteCommand command = deviceId is null ? session.Command(CountAll) : session.Command(CountDevice, "@device");
            if (deviceId is not null)
            {
                command.Parameters[0].Value = deviceId;
            }

            return (long)command.ExecuteScalar()!;
        }));
    }

    private static void CheckFilter(string? deviceId)
    {
        if (deviceId is not null)
        {
            StorageArguments.CheckDeviceId(deviceId);
        }
    }
}
