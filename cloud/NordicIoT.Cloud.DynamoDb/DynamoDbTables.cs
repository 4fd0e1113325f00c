using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace NordicIoT.Cloud.DynamoDb;

/// <summary>The engine's tables (see docs/dynamodb-table-design.md): names under the configured prefix and what CreateTable needs for each.</summary>
internal sealed class DynamoDbTables(string prefix)
{
    /// <summary>Index of dead letters over all devices, newest last by "at".</summary>
    public const string DeadLettersByTime = "by-time";

    public string Devices { get; } = prefix + "devices";

    public string Readings { get; } = prefix + "readings";

    public string DeadLetters { get; } = prefix + "dead-letters";

    public string ApiKeys { get; } = prefix + "api-keys";

    /// <summary>Everything InitializeAsync creates when missing, all on-demand (pay per request).</summary>
    public IReadOnlyList<CreateTableRequest> Definitions() =>
    [
        Table(Devices, DeviceAttributes.Id, null),
        Table(Readings, ReadingAttributes.Device, ReadingAttributes.Batch),
        WithIndex(
            Table(DeadLetters, DeadLetterAttributes.Device, DeadLetterAttributes.At),
            DeadLettersByTime,
            DeadLetterAttributes.All,
            DeadLetterAttributes.At),
        Table(ApiKeys, ApiKeyAttributes.Hash, null),
    ];

    private static CreateTableRequest Table(string name, string partitionKey, string? sortKey)
    {
        var request = new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement(partitionKey, KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition(partitionKey, ScalarAttributeType.S)],
        };
        if (sortKey is not null)
        {
            request.KeySchema.Add(new KeySchemaElement(sortKey, KeyType.RANGE));
            request.AttributeDefinitions.Add(new AttributeDefinition(sortKey, ScalarAttributeType.S));
        }

        return request;
    }

    private static CreateTableRequest WithIndex(CreateTableRequest table, string indexName, string partitionKey, string sortKey)
    {
        table.AttributeDefinitions.Add(new AttributeDefinition(partitionKey, ScalarAttributeType.S));
        table.GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = indexName,
                KeySchema = [new KeySchemaElement(partitionKey, KeyType.HASH), new KeySchemaElement(sortKey, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ];
        return table;
    }
}
