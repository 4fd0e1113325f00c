using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace NordicIoT.Cloud.DynamoDb;

/// <summary>The tables of firmware releases and rollouts (see docs/ota.md): names under the engine's prefix and their definitions.</summary>
internal sealed class OtaTables(string prefix)
{
    /// <summary>Index of executions by device, newest rollout first.</summary>
    public const string ExecutionsByDevice = "by-device";

    public string Releases { get; } = prefix + "releases";

    /// <summary>One item per version (without build metadata) naming the release that holds it: the uniqueness guard, since dynalite (and so the tests) have no transactions.</summary>
    public string ReleaseVersions { get; } = prefix + "release-versions";

    public string Rollouts { get; } = prefix + "rollouts";

    public string Executions { get; } = prefix + "executions";

    /// <summary>Counters (the rollout id sequence), incremented atomically.</summary>
    public string Counters { get; } = prefix + "counters";

    /// <summary>Everything InitializeAsync creates when missing, all on-demand.</summary>
    public IReadOnlyList<CreateTableRequest> Definitions() =>
    [
        Table(Releases, ReleaseAttributes.Id),
        Table(ReleaseVersions, ReleaseAttributes.VersionKey),
        Table(Rollouts, RolloutAttributes.Id),
        Table(Counters, CounterAttributes.Name),
        new CreateTableRequest
        {
            TableName = Executions,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement(ExecutionAttributes.Rollout, KeyType.HASH), new KeySchemaElement(ExecutionAttributes.Device, KeyType.RANGE)],
            AttributeDefinitions =
            [
                new AttributeDefinition(ExecutionAttributes.Rollout, ScalarAttributeType.S),
                new AttributeDefinition(ExecutionAttributes.Device, ScalarAttributeType.S),
            ],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = ExecutionsByDevice,
                    KeySchema = [new KeySchemaElement(ExecutionAttributes.Device, KeyType.HASH), new KeySchemaElement(ExecutionAttributes.Rollout, KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        },
    ];

    private static CreateTableRequest Table(string name, string partitionKey) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        KeySchema = [new KeySchemaElement(partitionKey, KeyType.HASH)],
        AttributeDefinitions = [new AttributeDefinition(partitionKey, ScalarAttributeType.S)],
    };
}

/// <summary>Attributes of a releases item.</summary>
internal static class ReleaseAttributes
{
    /// <summary>Partition key: the release id.</summary>
    public const string Id = "id";

    /// <summary>The version as uploaded.</summary>
    public const string Version = "ver";

    /// <summary>The version without build metadata; partition key of release-versions.</summary>
    public const string VersionKey = "vkey";

    public const string Status = "status";

    /// <summary>Upload time, UTC ticks.</summary>
    public const string Created = "created";

    /// <summary>Targets, files, allow-downgrade (JSON).</summary>
    public const string Document = "doc";

    /// <summary>The manifest CBOR as signed.</summary>
    public const string Manifest = "manifest";

    public const string Signature = "sig";
}

/// <summary>Attributes of a rollouts item.</summary>
internal static class RolloutAttributes
{
    /// <summary>Partition key: the rollout id (decimal).</summary>
    public const string Id = "id";

    /// <summary>Revision, the compare-and-swap condition.</summary>
    public const string Revision = "rev";

    public const string Status = "status";

    /// <summary>Everything else (JSON).</summary>
    public const string Document = "doc";
}

/// <summary>Attributes of an executions item.</summary>
internal static class ExecutionAttributes
{
    /// <summary>Partition key: the rollout id, 19 digits with leading zeros so the by-device index sorts rollouts by number.</summary>
    public const string Rollout = "ro";

    /// <summary>Sort key: the device id.</summary>
    public const string Device = "dev";

    /// <summary>Version number, the compare-and-swap condition.</summary>
    public const string Version = "ver";

    /// <summary>Everything else (JSON).</summary>
    public const string Document = "doc";
}

/// <summary>Attributes of a counters item.</summary>
internal static class CounterAttributes
{
    /// <summary>Partition key: the counter's name.</summary>
    public const string Name = "name";

    /// <summary>The last value handed out.</summary>
    public const string Value = "n";

    /// <summary>The counter of rollout ids.</summary>
    public const string RolloutIds = "rollout";
}
