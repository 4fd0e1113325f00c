using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using NordicIoT.Cloud.Readings;
using NordicIoT.Cloud.Storage;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;
using static NordicIoT.Cloud.DynamoDb.AttributeValues;

namespace NordicIoT.Cloud.DynamoDb;

/// <summary>Readings as the devices sent them: one item per batch holding the CBOR, decoded and de-duplicated by (sensor, time) when read.</summary>
/// <remarks>
/// A query reads the device's batches whose first reading lies in [from - <see cref="ReadingLimits.MaxBatchSpan"/>, to):
/// stores reject longer batches, so no batch holding a reading in the window starts earlier.
/// </remarks>
internal sealed class DynamoDbReadingStore(IAmazonDynamoDB client, DynamoDbTables tables, DynamoDbRetry retry) : IReadingStore
{
    // Batches per query page: enough for a day of a default device in one round trip, small enough that a query with a small limit reads little.
    private const int BatchesPerPage = 100;

    private static readonly long MaxBatchSpanSeconds = (long)ReadingLimits.MaxBatchSpan.TotalSeconds;

    private static readonly Dictionary<string, string> QueryNames = new()
    {
        ["#dev"] = ReadingAttributes.Device,
        ["#batch"] = ReadingAttributes.Batch,
        ["#first"] = ReadingAttributes.First,
        ["#last"] = ReadingAttributes.Last,
        ["#sensors"] = ReadingAttributes.Sensors,
        ["#cbor"] = ReadingAttributes.Payload,
    };

    public async Task StoreBatchAsync(string deviceId, ReadingBatch batch, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        StorageArguments.CheckBatch(deviceId, batch, payload);
        if (batch.Count == 0)
        {
            return;
        }

        long first = batch.Times[..batch.Count].Min();
        long last = batch.Times[..batch.Count].Max();
        var request = new PutItemRequest
        {
            TableName = tables.Readings,
            Item = new()
            {
                [ReadingAttributes.Device] = S(deviceId),
                [ReadingAttributes.Batch] = S(BatchKey.Of(first, payload.Span)),
                [ReadingAttributes.First] = N(first),
                [ReadingAttributes.Last] = N(last),
                [ReadingAttributes.Sensors] = new AttributeValue { NS = [.. batch.Sensors[..batch.Count].Distinct().Order().Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))] },
                [ReadingAttributes.Payload] = B(payload.ToArray()),
                [ReadingAttributes.Received] = N(StoredTime.ToTicks(receivedAt)),
            },
        };

        // Unconditional: the same batch again has the same key and the same content.
        await retry.RunAsync(ct => client.PutItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Reading>> QueryAsync(string deviceId, int sensor, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        StorageArguments.CheckReadingQuery(deviceId, sensor, from, to, limit);
        ReadingWindow window = ReadingWindow.Of(from, to);
        long lowest = Math.Max(0, window.From);
        long highest = window.To - 1;
        if (highest < lowest)
        {
            return [];
        }

        var found = new SensorReadings(sensor, window, limit);
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = tables.Readings,
                KeyConditionExpression = "#dev = :dev AND #batch BETWEEN :lo AND :hi",
                FilterExpression = "#last >= :from AND contains(#sensors, :sensor)",
                ProjectionExpression = "#first, #cbor",
                ExpressionAttributeNames = QueryNames,
                ExpressionAttributeValues = new()
                {
                    [":dev"] = S(deviceId),
                    [":lo"] = S(BatchKey.LowestFrom(Math.Max(0, lowest - MaxBatchSpanSeconds))),
                    [":hi"] = S(BatchKey.HighestAt(highest)),
                    [":from"] = N(lowest),
                    [":sensor"] = N(sensor),
                },
                Limit = BatchesPerPage,
                ExclusiveStartKey = start,
            };
            QueryResponse response = await retry.RunAsync(ct => client.QueryAsync(request, ct), cancellationToken).ConfigureAwait(false);
            foreach (Dictionary<string, AttributeValue> item in response.Items ?? [])
            {
                if (found.IsCompleteBefore(GetLong(item, ReadingAttributes.First)))
                {
                    return found.ToList();
                }

                found.AddBatch(GetBytes(item, ReadingAttributes.Payload));
            }

            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return found.ToList();
    }

    /// <summary>The readings of one sensor in a window, each time once (the first batch to bring it wins), trimmed to the earliest <c>limit</c>.</summary>
    private sealed class SensorReadings(int sensor, ReadingWindow window, int limit)
    {
        private readonly SortedSet<long> _times = [];
        private readonly Dictionary<long, int[]> _values = [];
        private readonly int _dims = SensorKind.Dimensions(sensor);
        private ReadingBatch _batch = new(0, 0);

        /// <summary>True when the limit is reached and a batch starting at <paramref name="firstTime"/> can only bring later readings.</summary>
        public bool IsCompleteBefore(long firstTime) => _times.Count == limit && firstTime > _times.Max;

        public void AddBatch(byte[] payload)
        {
            // A batch never holds more readings or values than it has bytes.
            if (_batch.Capacity < payload.Length)
            {
                _batch = new ReadingBatch(payload.Length, payload.Length);
            }

            try
            {
                BatchDecoder.Decode(new CborReader(payload, 0, payload.Length), _batch);
            }
            catch (WireFormatException e)
            {
                throw new InvalidDataException($"a stored batch no longer decodes: {e.Message}", e);
            }

            for (int i = 0; i < _batch.Count; i++)
            {
                long time = _batch.Times[i];
                if (_batch.Sensors[i] != sensor || time < window.From || time >= window.To || !_times.Add(time))
                {
                    continue;
                }

                _values[time] = _batch.Values.AsSpan(_batch.ValueStarts[i], _dims).ToArray();
                if (_times.Count > limit)
                {
                    _values.Remove(_times.Max);
                    _times.Remove(_times.Max);
                }
            }
        }

        public List<Reading> ToList() =>
            [.. _times.Select(time => new Reading(sensor, DateTimeOffset.FromUnixTimeSeconds(time), _values[time]))];
    }
}
