using NordicIoT.Cloud.DynamoDb;

namespace NordicIoT.Cloud.Storage.Tests;

/// <summary>The contract on the DynamoDB engine against dynalite, one dynalite per class and a new table prefix per test.</summary>
public sealed class DynamoDbCloudStorageTests(DynaliteProcess dynalite) : CloudStorageContract, IClassFixture<DynaliteProcess>
{
    protected override ICloudStorage CreateStorage() =>
        new DynamoDbCloudStorage(dynalite.Client, new DynamoDbStorageOptions { TablePrefix = $"t{Guid.NewGuid():N}-" });
}
