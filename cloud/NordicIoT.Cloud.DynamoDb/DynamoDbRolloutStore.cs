using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using NordicIoT.Cloud.Rollouts;
using NordicIoT.Cloud.Storage;
using NordicIoT.Cloud.Storage.Ota;
using static NordicIoT.Cloud.DynamoDb.AttributeValues;

namespace NordicIoT.Cloud.DynamoDb;

/// <summary>Rollout items (ids from an atomic counter) and execution items keyed (rollout, device) with a by-device index; every write is a conditional put on the revision or version number.</summary>
/// <remarks>Listing rollouts scans the table: rollouts are few. The by-device index is eventually consistent, so a device's other executions may be seen a moment late.</remarks>
internal sealed class DynamoDbRolloutStore(IAmazonDynamoDB client, OtaTables tables, DynamoDbRetry retry) : IRolloutStore
{
    public async Task<Rollout> AddAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        OtaArguments.CheckRollout(rollout);
        var next = new UpdateItemRequest
        {
            TableName = tables.Counters,
            Key = new() { [CounterAttributes.Name] = S(CounterAttributes.RolloutIds) },
            UpdateExpression = "ADD #n :one",
            ExpressionAttributeNames = new() { ["#n"] = CounterAttributes.Value },
            ExpressionAttributeValues = new() { [":one"] = N(1) },
            ReturnValues = ReturnValue.UPDATED_NEW,
        };
        UpdateItemResponse counter = await retry.RunAsync(ct => client.UpdateItemAsync(next, ct), cancellationToken).ConfigureAwait(false);
        rollout.Id = GetLong(counter.Attributes, CounterAttributes.Value);
        rollout.Revision = 1;
        await PutRolloutAsync(rollout, "attribute_not_exists(#id)", new() { ["#id"] = RolloutAttributes.Id }, null, cancellationToken).ConfigureAwait(false);
        return rollout;
    }

    public async Task<Rollout?> GetAsync(long rolloutId, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest { TableName = tables.Rollouts, Key = new() { [RolloutAttributes.Id] = S(Id(rolloutId)) }, ConsistentRead = true };
        GetItemResponse response = await retry.RunAsync(ct => client.GetItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? ReadRollout(item) : null;
    }

    public async Task<IReadOnlyList<Rollout>> ListAsync(CancellationToken cancellationToken)
    {
        var rollouts = new List<Rollout>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new ScanRequest { TableName = tables.Rollouts, ConsistentRead = true, ExclusiveStartKey = start };
            ScanResponse response = await retry.RunAsync(ct => client.ScanAsync(request, ct), cancellationToken).ConfigureAwait(false);
            rollouts.AddRange((response.Items ?? []).Select(ReadRollout));
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return [.. rollouts.OrderByDescending(r => r.Id)];
    }

    public async Task<bool> TryReplaceAsync(Rollout rollout, long expectedRevision, CancellationToken cancellationToken)
    {
        OtaArguments.CheckRollout(rollout);
        var revision = rollout.Revision;
        rollout.Revision = expectedRevision + 1;
        if (await PutRolloutAsync(rollout, "#rev = :expected", new() { ["#rev"] = RolloutAttributes.Revision }, new() { [":expected"] = N(expectedRevision) }, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        rollout.Revision = revision;
        return false;
    }

    public async Task<bool> TryAddExecutionAsync(Execution execution, CancellationToken cancellationToken)
    {
        OtaArguments.CheckExecution(execution);
        if (await PutExecutionAsync(execution, 1, "attribute_not_exists(#ro)", new() { ["#ro"] = ExecutionAttributes.Rollout }, null, cancellationToken).ConfigureAwait(false))
        {
            execution.VersionNumber = 1;
            return true;
        }

        return false;
    }

    public async Task<Execution?> GetExecutionAsync(long rolloutId, string deviceId, CancellationToken cancellationToken)
    {
        StorageArguments.CheckDeviceId(deviceId);
        var request = new GetItemRequest
        {
            TableName = tables.Executions,
            Key = new() { [ExecutionAttributes.Rollout] = S(Id(rolloutId)), [ExecutionAttributes.Device] = S(deviceId) },
            ConsistentRead = true,
        };
        GetItemResponse response = await retry.RunAsync(ct => client.GetItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? ReadExecution(item) : null;
    }

    public async Task<bool> TryReplaceExecutionAsync(Execution execution, long expectedVersion, CancellationToken cancellationToken)
    {
        OtaArguments.CheckExecution(execution);
        if (await PutExecutionAsync(execution, expectedVersion + 1, "#ver = :expected", new() { ["#ver"] = ExecutionAttributes.Version },
            new() { [":expected"] = N(expectedVersion) }, cancellationToken).ConfigureAwait(false))
        {
            execution.VersionNumber = expectedVersion + 1;
            return true;
        }

        return false;
    }

    public async Task<IReadOnlyList<Execution>> ListExecutionsAsync(long rolloutId, string? afterDeviceId, int limit, CancellationToken cancellationToken)
    {
        StorageArguments.CheckLimit(limit);
        var found = new List<Execution>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = tables.Executions,
                KeyConditionExpression = afterDeviceId is null ? "#ro = :ro" : "#ro = :ro AND #dev > :after",
                ExpressionAttributeNames = afterDeviceId is null
                    ? new() { ["#ro"] = ExecutionAttributes.Rollout }
                    : new() { ["#ro"] = ExecutionAttributes.Rollout, ["#dev"] = ExecutionAttributes.Device },
                ExpressionAttributeValues = afterDeviceId is null
                    ? new() { [":ro"] = S(Id(rolloutId)) }
                    : new() { [":ro"] = S(Id(rolloutId)), [":after"] = S(afterDeviceId) },
                ConsistentRead = true,
                Limit = limit - found.Count,
                ExclusiveStartKey = start,
            };
            QueryResponse response = await retry.RunAsync(ct => client.QueryAsync(request, ct), cancellationToken).ConfigureAwait(false);
            found.AddRange((response.Items ?? []).Select(ReadExecution));
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null && found.Count < limit);
        return found;
    }

    public async Task<IReadOnlyList<Execution>> ListDeviceExecutionsAsync(string deviceId, CancellationToken cancellationToken)
    {
        StorageArguments.CheckDeviceId(deviceId);
        var found = new List<Execution>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = tables.Executions,
                IndexName = OtaTables.ExecutionsByDevice,
                KeyConditionExpression = "#dev = :dev",
                ExpressionAttributeNames = new() { ["#dev"] = ExecutionAttributes.Device },
                ExpressionAttributeValues = new() { [":dev"] = S(deviceId) },
                ScanIndexForward = false,
                ExclusiveStartKey = start,
            };
            QueryResponse response = await retry.RunAsync(ct => client.QueryAsync(request, ct), cancellationToken).ConfigureAwait(false);
            found.AddRange((response.Items ?? []).Select(ReadExecution));
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return found;
    }

    // 19 digits hold any positive long, so string order is number order.
    private static string Id(long rolloutId) => rolloutId.ToString("D19", CultureInfo.InvariantCulture);

    private async Task<bool> PutRolloutAsync(
        Rollout rollout, string condition, Dictionary<string, string> names, Dictionary<string, AttributeValue>? values, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = tables.Rollouts,
            Item = new()
            {
                [RolloutAttributes.Id] = S(Id(rollout.Id)),
                [RolloutAttributes.Revision] = N(rollout.Revision),
                [RolloutAttributes.Status] = N((int)rollout.Status),
                [RolloutAttributes.Document] = S(OtaDocuments.Serialize(rollout)),
            },
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
        return await retry.ConditionHoldsAsync(ct => client.PutItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> PutExecutionAsync(
        Execution execution, long version, string condition, Dictionary<string, string> names, Dictionary<string, AttributeValue>? values, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = tables.Executions,
            Item = new()
            {
                [ExecutionAttributes.Rollout] = S(Id(execution.RolloutId)),
                [ExecutionAttributes.Device] = S(execution.DeviceId),
                [ExecutionAttributes.Version] = N(version),
                [ExecutionAttributes.Document] = S(OtaDocuments.Serialize(execution)),
            },
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
        return await retry.ConditionHoldsAsync(ct => client.PutItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
    }

    private static Rollout ReadRollout(Dictionary<string, AttributeValue> item) => OtaDocuments.Rollout(
        long.Parse(GetString(item, RolloutAttributes.Id), NumberStyles.None, CultureInfo.InvariantCulture),
        GetLong(item, RolloutAttributes.Revision),
        GetString(item, RolloutAttributes.Document));

    private static Execution ReadExecution(Dictionary<string, AttributeValue> item) => OtaDocuments.Execution(
        long.Parse(GetString(item, ExecutionAttributes.Rollout), NumberStyles.None, CultureInfo.InvariantCulture),
        GetString(item, ExecutionAttributes.Device),
        GetLong(item, ExecutionAttributes.Version),
        GetString(item, ExecutionAttributes.Document));
}
