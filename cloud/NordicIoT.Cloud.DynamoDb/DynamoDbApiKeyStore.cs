using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Storage;
using static NordicIoT.Cloud.DynamoDb.AttributeValues;

namespace NordicIoT.Cloud.DynamoDb;

/// <summary>API key records keyed by hash, so authenticating a request is one consistent GetItem; listing and revoking by id scan the (small) table.</summary>
internal sealed class DynamoDbApiKeyStore(IAmazonDynamoDB client, DynamoDbTables tables, DynamoDbRetry retry) : IApiKeyStore
{
    public async Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        StorageArguments.CheckApiKey(key);

        // Without transactions the id check and the put are two steps; ids are random, so only the hash is guarded atomically.
        if (await FindByIdAsync(key.Id, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw Taken(key, null);
        }

        var request = new PutItemRequest
        {
            TableName = tables.ApiKeys,
            Item = new()
            {
                [ApiKeyAttributes.Hash] = S(key.Hash),
                [ApiKeyAttributes.Id] = S(key.Id),
                [ApiKeyAttributes.Name] = S(key.Name),
                [ApiKeyAttributes.Role] = N((int)key.Role),
                [ApiKeyAttributes.Created] = N(StoredTime.ToTicks(key.CreatedAt)),
            },
            ConditionExpression = "attribute_not_exists(#hash)",
            ExpressionAttributeNames = new() { ["#hash"] = ApiKeyAttributes.Hash },
        };
        try
        {
            await retry.RunAsync(ct => client.PutItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException e)
        {
            throw Taken(key, e);
        }
    }

    public async Task<ApiKeyRecord?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        StorageArguments.CheckHash(hash);
        var request = new GetItemRequest
        {
            TableName = tables.ApiKeys,
            Key = new() { [ApiKeyAttributes.Hash] = S(hash) },
            ConsistentRead = true,
        };
        GetItemResponse response = await retry.RunAsync(ct => client.GetItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? ReadKey(item) : null;
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        List<ApiKeyRecord> keys = await ScanAsync(cancellationToken).ConfigureAwait(false);
        return [.. keys.OrderBy(key => key.CreatedAt).ThenBy(key => key.Id, StringComparer.Ordinal)];
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ApiKeyRecord? key = await FindByIdAsync(id, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return false;
        }

        var request = new DeleteItemRequest
        {
            TableName = tables.ApiKeys,
            Key = new() { [ApiKeyAttributes.Hash] = S(key.Hash) },
            ConditionExpression = "attribute_exists(#hash)",
            ExpressionAttributeNames = new() { ["#hash"] = ApiKeyAttributes.Hash },
        };
        // False: revoked by someone else in the meantime.
        return await retry.ConditionHoldsAsync(ct => client.DeleteItemAsync(request, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task<ApiKeyRecord?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        (await ScanAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(key => key.Id == id);

    private async Task<List<ApiKeyRecord>> ScanAsync(CancellationToken cancellationToken)
    {
        var keys = new List<ApiKeyRecord>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new ScanRequest { TableName = tables.ApiKeys, ConsistentRead = true, ExclusiveStartKey = start };
            ScanResponse response = await retry.RunAsync(ct => client.ScanAsync(request, ct), cancellationToken).ConfigureAwait(false);
            keys.AddRange((response.Items ?? []).Select(ReadKey));
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return keys;
    }

    private static InvalidOperationException Taken(ApiKeyRecord key, Exception? inner) =>
        new($"an API key with id '{key.Id}' or the same hash exists already", inner);

    private static ApiKeyRecord ReadKey(Dictionary<string, AttributeValue> item) => new(
        Id: GetString(item, ApiKeyAttributes.Id),
        Name: GetString(item, ApiKeyAttributes.Name),
        Role: (ApiRole)GetLong(item, ApiKeyAttributes.Role),
        Hash: GetString(item, ApiKeyAttributes.Hash),
        CreatedAt: StoredTime.FromTicks(GetLong(item, ApiKeyAttributes.Created)));
}
