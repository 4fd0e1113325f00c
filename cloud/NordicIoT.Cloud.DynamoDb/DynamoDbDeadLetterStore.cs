using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using NordicIoT.Cloud.DeadLetters;
using NordicIoT.Cloud.Storage;
using static NordicIoT.Cloud.DynamoDb.AttributeValues;

namespace NordicIoT.Cloud.DynamoDb;

/// <summary>Refused messages: partitioned by device, sorted by receive time; the by-time index lists them over all devices.</summary>
/// <remarks>The index has one partition, which caps dead-letter writes at what one partition takes (about 1,000 a second): far above a healthy fleet's rate.</remarks>
internal sealed class DynamoDbDeadLetterStore(IAmazonDynamoDB client, DynamoDbTables tables, DynamoDbRetry retry) : IDeadLetterStore
{
    public async Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        StorageArguments.CheckDeadLetter(deadLetter);
        long received = StoredTime.ToTicks(deadLetter.ReceivedAt);
        var item = new Dictionary<string, AttributeValue>
        {
            [DeadLetterAttributes.Device] = S(deadLetter.DeviceId ?? DeadLetterAttributes.NoDevice),
            [DeadLetterAttributes.At] = S(received.ToString("D19", CultureInfo.InvariantCulture) + "#" + deadLetter.Id),
            [DeadLetterAttributes.All] = S(DeadLetterAttributes.AllValue),
            [DeadLetterAttributes.Id] = S(deadLetter.Id),
            [DeadLetterAttributes.Received] = N(received),
            [DeadLetterAttributes.Topic] = S(deadLetter.Topic),
            [DeadLetterAttributes.Reason] = S(deadLetter.Reason),
            [DeadLetterAttributes.Detail] = S(deadLetter.Detail),
            [DeadLetterAttributes.Payload] = B(StorageArguments.StoredPayload(deadLetter)),
            [DeadLetterAttributes.PayloadLength] = N(deadLetter.PayloadLength),
        };
        if (deadLetter.DeviceId is not null)
        {
            item[DeadLetterAttributes.DeviceId] = S(deadLetter.DeviceId);
        }

        var request = new PutItemRequest { TableName = tables.DeadLetters, Item = item };
        await retry.RunAsync(ct => client.PutItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string? deviceId, int limit, CancellationToken cancellationToken)
    {
        CheckFilter(deviceId);
        StorageArguments.CheckLimit(limit);
        var letters = new List<DeadLetter>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            QueryRequest request = Query(deviceId, start);
            request.ScanIndexForward = false;
            request.Limit = limit - letters.Count;
            QueryResponse response = await retry.RunAsync(ct => client.QueryAsync(request, ct), cancellationToken).ConfigureAwait(false);
            letters.AddRange((response.Items ?? []).Select(ReadDeadLetter));
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null && letters.Count < limit);
        return letters;
    }

    public async Task<long> CountAsync(string? deviceId, CancellationToken cancellationToken)
    {
        CheckFilter(deviceId);
        long count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            QueryRequest request = Query(deviceId, start);
            request.Select = Select.COUNT;
            QueryResponse response = await retry.RunAsync(ct => client.QueryAsync(request, ct), cancellationToken).ConfigureAwait(false);
            count += response.Count ?? 0;
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return count;
    }

    // One device's partition, or the by-time index's single partition for all devices.
    private QueryRequest Query(string? deviceId, Dictionary<string, AttributeValue>? start) => new()
    {
        TableName = tables.DeadLetters,
        IndexName = deviceId is null ? DynamoDbTables.DeadLettersByTime : null,
        KeyConditionExpression = "#p = :p",
        ExpressionAttributeNames = new() { ["#p"] = deviceId is null ? DeadLetterAttributes.All : DeadLetterAttributes.Device },
        ExpressionAttributeValues = new() { [":p"] = S(deviceId ?? DeadLetterAttributes.AllValue) },
        ExclusiveStartKey = start,
    };

    private static DeadLetter ReadDeadLetter(Dictionary<string, AttributeValue> item) => new(
        Id: GetString(item, DeadLetterAttributes.Id),
        ReceivedAt: StoredTime.FromTicks(GetLong(item, DeadLetterAttributes.Received)),
        Topic: GetString(item, DeadLetterAttributes.Topic),
        DeviceId: GetOptionalString(item, DeadLetterAttributes.DeviceId),
        Reason: GetString(item, DeadLetterAttributes.Reason),
        Detail: GetString(item, DeadLetterAttributes.Detail),
        Payload: GetBytes(item, DeadLetterAttributes.Payload),
        PayloadLength: checked((int)GetLong(item, DeadLetterAttributes.PayloadLength)));

    private static void CheckFilter(string? deviceId)
    {
        if (deviceId is not null)
        {
            StorageArguments.CheckDeviceId(deviceId);
        }
    }
}
