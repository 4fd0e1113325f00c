using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using NordicIoT.Cloud.Readings;
using NordicIoT.Cloud.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Sqlite;

/// <summary>Readings as rows keyed (device, sensor, time); a reading already stored is skipped, which makes redelivery and re-cut batches harmless.</summary>
internal sealed class SqliteReadingStore(SqliteSessionPool pool) : IReadingStore
{
    private const string Select = """
        SELECT time, value, more FROM readings
        WHERE device = @device AND sensor = @sensor AND time >= @from AND time < @to
        ORDER BY time LIMIT @limit
        """;

    // Rows per INSERT: one statement for many rows costs far less than a statement per row; the rest of a batch goes row by row.
    private const int RowsPerInsert = 20;

    private static readonly string InsertOne = InsertSql(1);

    private static readonly string InsertMany = InsertSql(RowsPerInsert);

    private static readonly string[] OneParameters = ParameterNames(1);

    private static readonly string[] ManyParameters = ParameterNames(RowsPerInsert);

    public Task StoreBatchAsync(string deviceId, ReadingBatch batch, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        StorageArguments.CheckBatch(deviceId, batch, payload);
        cancellationToken.ThrowIfCancellationRequested();
        if (batch.Count == 0)
        {
            return Task.CompletedTask;
        }

        pool.Write(session =>
        {
            int i = 0;
            SqliteCommand many = session.Command(InsertMany, ManyParameters);
            for (; i + RowsPerInsert <= batch.Count; i += RowsPerInsert)
            {
                Bind(many.Parameters, deviceId, batch, i, RowsPerInsert);
                many.ExecuteNonQuery();
            }

            SqliteCommand one = session.Command(InsertOne, OneParameters);
            for (; i < batch.Count; i++)
            {
                Bind(one.Parameters, deviceId, batch, i, 1);
                one.ExecuteNonQuery();
            }

            return batch.Count;
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Reading>> QueryAsync(string deviceId, int sensor, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        StorageArguments.CheckReadingQuery(deviceId, sensor, from, to, limit);
        cancellationToken.ThrowIfCancellationRequested();
        ReadingWindow window = ReadingWindow.Of(from, to);
        int dims = SensorKind.Dimensions(sensor);
        IReadOnlyList<Reading> readings = pool.Read(session =>
        {
            SqliteCommand command = session.Command(Select, "@device", "@sensor", "@from", "@to", "@limit");
            command.Parameters[0].Value = deviceId;
            command.Parameters[1].Value = sensor;
            command.Parameters[2].Value = window.From;
            command.Parameters[3].Value = window.To;
            command.Parameters[4].Value = limit;
            var found = new List<Reading>();
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                var values = new int[dims];
                values[0] = reader.GetInt32(1);
                if (dims > 1)
                {
                    ReadMoreValues((byte[])reader.GetValue(2), values);
                }

                found.Add(new Reading(sensor, DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(0)), values));
            }

            return found;
        });
        return Task.FromResult(readings);
    }

    private static string InsertSql(int rows) =>
        "INSERT OR IGNORE INTO readings (device, sensor, time, value, more) VALUES "
        + string.Join(", ", Enumerable.Range(0, rows).Select(r => $"(@device, @s{r}, @t{r}, @v{r}, @m{r})"));

    private static string[] ParameterNames(int rows) =>
        ["@device", .. Enumerable.Range(0, rows).SelectMany(r => new[] { $"@s{r}", $"@t{r}", $"@v{r}", $"@m{r}" })];

    // Binds readings first .. first + rows - 1 to the parameters named by ParameterNames(rows).
    private static void Bind(SqliteParameterCollection parameters, string deviceId, ReadingBatch batch, int first, int rows)
    {
        parameters[0].Value = deviceId;
        for (int r = 0; r < rows; r++)
        {
            int i = first + r;
            int sensor = batch.Sensors[i];
            int start = batch.ValueStarts[i];
            int at = 1 + (r * 4);
            parameters[at].Value = sensor;
            parameters[at + 1].Value = batch.Times[i];
            parameters[at + 2].Value = batch.Values[start];
            parameters[at + 3].Value = MoreValues(batch.Values, start + 1, SensorKind.Dimensions(sensor) - 1);
        }
    }

    private static object MoreValues(int[] values, int start, int count)
    {
        if (count == 0)
        {
            return DBNull.Value;
        }

        var bytes = new byte[count * sizeof(int)];
        for (int k = 0; k < count; k++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(k * sizeof(int)), values[start + k]);
        }

        return bytes;
    }

    private static void ReadMoreValues(byte[] bytes, int[] into)
    {
        if (bytes.Length != (into.Length - 1) * sizeof(int))
        {
            throw new InvalidDataException($"stored reading has {bytes.Length} bytes of further values, not the {(into.Length - 1) * sizeof(int)} its sensor needs");
        }

        for (int k = 1; k < into.Length; k++)
        {
            into[k] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan((k - 1) * sizeof(int)));
        }
    }
}
