using Amazon.DynamoDBv2;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.DeadLetters;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.Readings;
using NordicIoT.Cloud.Rollouts;
using NordicIoT.Cloud.Storage;

namespace NordicIoT.Cloud.DynamoDb;

/// <summary>The AWS storage engine: every store in DynamoDB tables under one name prefix, with no transactions and nothing held in memory between calls.</summary>
/// <remarks>The client is the caller's (configure its endpoint, region and credentials there) and is not disposed here.</remarks>
public sealed class DynamoDbCloudStorage : ICloudStorage
{
    private readonly DynamoDbTables _tables;
    private readonly OtaTables _otaTables;
    private readonly DynamoDbTableCreator _creator;

    /// <param name="time">Clock for release version claims; the system clock when null.</param>
    public DynamoDbCloudStorage(IAmazonDynamoDB client, DynamoDbStorageOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var retry = new DynamoDbRetry(options);
        _tables = new DynamoDbTables(options.TablePrefix);
        _otaTables = new OtaTables(options.TablePrefix);
        _creator = new DynamoDbTableCreator(client, retry);
        Devices = new DynamoDbDeviceStore(client, _tables, retry);
        Readings = new DynamoDbReadingStore(client, _tables, retry);
        DeadLetters = new DynamoDbDeadLetterStore(client, _tables, retry);
        ApiKeys = new DynamoDbApiKeyStore(client, _tables, retry);
        Releases = new DynamoDbReleaseStore(client, _otaTables, retry, time ?? TimeProvider.System);
        Rollouts = new DynamoDbRolloutStore(client, _otaTables, retry);
    }

    public IDeviceStore Devices { get; }

    public IReadingStore Readings { get; }

    public IDeadLetterStore DeadLetters { get; }

    public IApiKeyStore ApiKeys { get; }

    public IReleaseStore Releases { get; }

    public IRolloutStore Rollouts { get; }

    public Task InitializeAsync(CancellationToken cancellationToken) => _creator.EnsureAsync([.. _tables.Definitions(), .. _otaTables.Definitions()], cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
