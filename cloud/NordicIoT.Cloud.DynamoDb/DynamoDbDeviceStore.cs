using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Storage;
using static NordicIoT.Cloud.DynamoDb.AttributeValues;

namespace NordicIoT.Cloud.DynamoDb;

/// <summary>Device twins, one item each; writes are conditional puts on the version attribute.</summary>
/// <remarks>
/// Listing scans the table (keys, group and last-seen only), filters and sorts in memory, then reads the page's twins
/// with BatchGetItem: every list request reads the whole table, which suits fleets up to about ten thousand devices
/// (see docs/dynamodb-table-design.md for the cost and the index to add beyond that).
/// </remarks>
internal sealed class DynamoDbDeviceStore(IAmazonDynamoDB client, DynamoDbTables tables, DynamoDbRetry retry) : IDeviceStore
{
    // BatchGetItem takes at most 100 keys.
    private const int MaxKeysPerBatchGet = 100;

    public async Task<DeviceTwin?> GetAsync(string deviceId, CancellationToken cancellationToken)
    {
        StorageArguments.CheckDeviceId(deviceId);
        var request = new GetItemRequest
        {
            TableName = tables.Devices,
            Key = new() { [DeviceAttributes.Id] = S(deviceId) },
            ConsistentRead = true,
        };
        GetItemResponse response = await retry.RunAsync(ct => client.GetItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? ReadTwin(item) : null;
    }

    public async Task<bool> TryCreateAsync(DeviceTwin twin, CancellationToken cancellationToken)
    {
        StorageArguments.CheckTwin(twin);
        bool created = await TryPutAsync(twin, 1, "attribute_not_exists(#id)", new() { ["#id"] = DeviceAttributes.Id }, null, cancellationToken).ConfigureAwait(false);
        if (created)
        {
            twin.Version = 1;
        }

        return created;
    }

    public async Task<bool> TryReplaceAsync(DeviceTwin twin, long expectedVersion, CancellationToken cancellationToken)
    {
        StorageArguments.CheckTwin(twin);
        bool replaced = await TryPutAsync(
            twin, expectedVersion + 1, "#ver = :expected", new() { ["#ver"] = DeviceAttributes.Version }, new() { [":expected"] = N(expectedVersion) }, cancellationToken).ConfigureAwait(false);
        if (replaced)
        {
            twin.Version = expectedVersion + 1;
        }

        return replaced;
    }

    public async Task<DevicePage> ListAsync(DeviceQuery query, CancellationToken cancellationToken)
    {
        FleetPosition? after = StorageArguments.CheckQuery(query);
        List<FleetEntry> fleet = await ScanFleetAsync(query.Group, cancellationToken).ConfigureAwait(false);
        IEnumerable<FleetEntry> matching = fleet;
        if (query.Search is not null)
        {
            matching = matching.Where(entry => entry.DeviceId.Contains(query.Search, StringComparison.OrdinalIgnoreCase));
        }

        var order = new FleetOrder(query.Sort);
        if (after is not null)
        {
            var position = new FleetEntry(after.DeviceId, after.SeenKey);
            matching = matching.Where(entry => order.Compare(entry, position) > 0);
        }

        List<FleetEntry> page = [.. matching.Order(order).Take(query.PageSize + 1)];
        bool more = page.Count > query.PageSize;
        if (more)
        {
            page.RemoveAt(query.PageSize);
        }

        List<DeviceTwin> twins = await GetTwinsAsync(page, cancellationToken).ConfigureAwait(false);

        // The token comes from the scanned entry, not the twin read after it, so pages follow one consistent order.
        string? token = more ? new FleetPosition(query.Sort, query.Sort == DeviceSort.Id ? 0 : page[^1].SeenKey, page[^1].DeviceId).ToToken() : null;
        return new DevicePage(twins, token);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        int count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new ScanRequest { TableName = tables.Devices, Select = Select.COUNT, ExclusiveStartKey = start };
            ScanResponse response = await retry.RunAsync(ct => client.ScanAsync(request, ct), cancellationToken).ConfigureAwait(false);
            count += response.Count ?? 0;
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return count;
    }

    private async Task<bool> TryPutAsync(DeviceTwin twin, long version, string condition, Dictionary<string, string> names, Dictionary<string, AttributeValue>? values, CancellationToken cancellationToken)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [DeviceAttributes.Id] = S(twin.DeviceId),
            [DeviceAttributes.Created] = N(StoredTime.ToTicks(twin.CreatedAt)),
            [DeviceAttributes.Seen] = N(FleetPosition.SeenKeyOf(twin.LastSeen)),
            [DeviceAttributes.Version] = N(version),
            [DeviceAttributes.Document] = S(TwinDocument.Serialize(twin)),
        };
        if (twin.Group is not null)
        {
            item[DeviceAttributes.Group] = S(twin.Group);
        }

        var request = new PutItemRequest
        {
            TableName = tables.Devices,
            Item = item,
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
        return await retry.ConditionHoldsAsync(ct => client.PutItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<FleetEntry>> ScanFleetAsync(string? group, CancellationToken cancellationToken)
    {
        var fleet = new List<FleetEntry>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new ScanRequest
            {
                TableName = tables.Devices,
                ProjectionExpression = "#id, #seen",
                ExpressionAttributeNames = group is null
                    ? new() { ["#id"] = DeviceAttributes.Id, ["#seen"] = DeviceAttributes.Seen }
                    : new() { ["#id"] = DeviceAttributes.Id, ["#seen"] = DeviceAttributes.Seen, ["#grp"] = DeviceAttributes.Group },
                FilterExpression = group is null ? null : "#grp = :grp",
                ExpressionAttributeValues = group is null ? null : new() { [":grp"] = S(group) },
                ExclusiveStartKey = start,
            };
            ScanResponse response = await retry.RunAsync(ct => client.ScanAsync(request, ct), cancellationToken).ConfigureAwait(false);
            foreach (Dictionary<string, AttributeValue> item in response.Items ?? [])
            {
                fleet.Add(new FleetEntry(GetString(item, DeviceAttributes.Id), GetLong(item, DeviceAttributes.Seen)));
            }

            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return fleet;
    }

    // Reads the page's twins in the page's order; unprocessed keys are asked for again after a backoff.
    private async Task<List<DeviceTwin>> GetTwinsAsync(List<FleetEntry> page, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, DeviceTwin>(StringComparer.Ordinal);
        foreach (FleetEntry[] chunk in page.Chunk(MaxKeysPerBatchGet))
        {
            Dictionary<string, KeysAndAttributes>? pending = new()
            {
                [tables.Devices] = new KeysAndAttributes
                {
                    Keys = [.. chunk.Select(entry => new Dictionary<string, AttributeValue> { [DeviceAttributes.Id] = S(entry.DeviceId) })],
                    ConsistentRead = true,
                },
            };
            for (int attempt = 1; pending is not null; attempt++)
            {
                var request = new BatchGetItemRequest { RequestItems = pending };
                BatchGetItemResponse response = await retry.RunAsync(ct => client.BatchGetItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
                if (response.Responses is not null && response.Responses.TryGetValue(tables.Devices, out List<Dictionary<string, AttributeValue>>? items))
                {
                    foreach (Dictionary<string, AttributeValue> item in items)
                    {
                        DeviceTwin twin = ReadTwin(item);
                        found[twin.DeviceId] = twin;
                    }
                }

                pending = response.UnprocessedKeys is { Count: > 0 } unprocessed ? unprocessed : null;
                if (pending is not null)
                {
                    if (attempt >= retry.MaxAttempts)
                    {
                        throw new TimeoutException($"DynamoDB left twins unread after {attempt} BatchGetItem attempts");
                    }

                    await retry.WaitAsync(attempt, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        // A device seen by the scan is never deleted (the store has no delete), so every one is found.
        return [.. page.Where(entry => found.ContainsKey(entry.DeviceId)).Select(entry => found[entry.DeviceId])];
    }

    private static DeviceTwin ReadTwin(Dictionary<string, AttributeValue> item) => TwinDocument.Deserialize(
        json: GetString(item, DeviceAttributes.Document),
        deviceId: GetString(item, DeviceAttributes.Id),
        createdAt: StoredTime.FromTicks(GetLong(item, DeviceAttributes.Created)),
        group: GetOptionalString(item, DeviceAttributes.Group),
        lastSeen: FleetPosition.LastSeenOf(GetLong(item, DeviceAttributes.Seen)),
        version: GetLong(item, DeviceAttributes.Version));
}
