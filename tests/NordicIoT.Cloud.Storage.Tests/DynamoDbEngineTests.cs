using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.DynamoDb;

namespace NordicIoT.Cloud.Storage.Tests;

/// <summary>What only the DynamoDB engine has to get right: backing off when throttled, asking again for unprocessed keys, refusing foreign tables.</summary>
public sealed class DynamoDbEngineTests(DynaliteProcess dynalite) : IClassFixture<DynaliteProcess>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Throttled_writes_are_retried_until_they_go_through()
    {
        using var client = new UnreliableClient(dynalite) { ThrottledPuts = 3 };
        await using DynamoDbCloudStorage storage = await CreateAsync(client, maxAttempts: 8);

        Assert.True(await storage.Devices.TryCreateAsync(Twin("dev-1"), CancellationToken.None));

        Assert.Equal(4, client.PutAttempts);
        Assert.NotNull(await storage.Devices.GetAsync("dev-1", CancellationToken.None));
    }

    [Fact]
    public async Task Throttling_that_outlasts_every_attempt_surfaces()
    {
        using var client = new UnreliableClient(dynalite) { ThrottledPuts = int.MaxValue };
        await using DynamoDbCloudStorage storage = await CreateAsync(client, maxAttempts: 3);

        await Assert.ThrowsAsync<ProvisionedThroughputExceededException>(() => storage.Devices.TryCreateAsync(Twin("dev-1"), CancellationToken.None));

        Assert.Equal(3, client.PutAttempts);
    }

    [Fact]
    public async Task Unprocessed_keys_are_asked_for_again()
    {
        using var client = new UnreliableClient(dynalite) { KeysProcessedPerBatchGet = 2 };
        await using DynamoDbCloudStorage storage = await CreateAsync(client, maxAttempts: 8);
        string[] ids = ["a", "b", "c", "d", "e"];
        foreach (string id in ids)
        {
            await storage.Devices.TryCreateAsync(Twin(id), CancellationToken.None);
        }

        DevicePage page = await storage.Devices.ListAsync(new DeviceQuery(null, null, DeviceSort.Id, 10, null), CancellationToken.None);

        Assert.Equal(ids, page.Devices.Select(d => d.DeviceId));
        Assert.Equal(3, client.BatchGetCalls);
    }

    [Fact]
    public async Task A_table_with_another_key_is_not_taken_over()
    {
        string prefix = Prefix();
        await dynalite.Client.CreateTableAsync(new CreateTableRequest
        {
            TableName = prefix + "devices",
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
        });
        await using var storage = new DynamoDbCloudStorage(dynalite.Client, new DynamoDbStorageOptions { TablePrefix = prefix });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Contains(prefix + "devices", error.Message);
    }

    [Theory]
    [InlineData("bad prefix")]
    [InlineData("slash/")]
    public void Unusable_table_prefixes_are_refused(string prefix)
    {
        Assert.Throws<ArgumentException>(() => new DynamoDbCloudStorage(dynalite.Client, new DynamoDbStorageOptions { TablePrefix = prefix }));
    }

    private static async Task<DynamoDbCloudStorage> CreateAsync(IAmazonDynamoDB client, int maxAttempts)
    {
        var storage = new DynamoDbCloudStorage(client, new DynamoDbStorageOptions
        {
            TablePrefix = Prefix(),
            MaxAttempts = maxAttempts,
            BaseDelay = TimeSpan.FromMilliseconds(1),
            MaxDelay = TimeSpan.FromMilliseconds(5),
        });
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    private static string Prefix() => $"e{Guid.NewGuid():N}-";

    private static DeviceTwin Twin(string id) => new() { DeviceId = id, CreatedAt = Now };

    /// <summary>A real client to dynalite that throttles the first puts and processes only some keys of each BatchGetItem, as DynamoDB may under load.</summary>
    private sealed class UnreliableClient(DynaliteProcess dynalite) : AmazonDynamoDBClient(DynaliteProcess.Credentials, dynalite.ClientConfig())
    {
        public int ThrottledPuts { get; init; }

        public int KeysProcessedPerBatchGet { get; init; } = int.MaxValue;

        public int PutAttempts { get; private set; }

        public int BatchGetCalls { get; private set; }

        public override Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
        {
            PutAttempts++;
            return PutAttempts <= ThrottledPuts
                ? throw new ProvisionedThroughputExceededException("throttled by the test")
                : base.PutItemAsync(request, cancellationToken);
        }

        public override async Task<BatchGetItemResponse> BatchGetItemAsync(BatchGetItemRequest request, CancellationToken cancellationToken = default)
        {
            BatchGetCalls++;
            (string table, KeysAndAttributes keys) = request.RequestItems.Single();
            if (keys.Keys.Count <= KeysProcessedPerBatchGet)
            {
                return await base.BatchGetItemAsync(request, cancellationToken);
            }

            var processed = new KeysAndAttributes { Keys = keys.Keys[..KeysProcessedPerBatchGet], ConsistentRead = keys.ConsistentRead };
            BatchGetItemResponse response = await base.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = new() { [table] = processed } }, cancellationToken);
            response.UnprocessedKeys = new() { [table] = new KeysAndAttributes { Keys = keys.Keys[KeysProcessedPerBatchGet..], ConsistentRead = keys.ConsistentRead } };
            return response;
        }
    }
}
