using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Readings;

/// <summary>Stores past data. Idempotent: a reading is identified by (device, sensor, time), so a batch stored twice, or the same readings in batches cut differently, are kept once.</summary>
public interface IReadingStore
{
    /// <summary>Stores a decoded batch; <paramref name="payload"/> is the exact CBOR the device sent (engines may keep it instead of rows).</summary>
    Task StoreBatchAsync(string deviceId, ReadingBatch batch, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Readings of one sensor with from &lt;= time &lt; to, oldest first, each (sensor, time) once; at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Reading>> QueryAsync(string deviceId, int sensor, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);
}
