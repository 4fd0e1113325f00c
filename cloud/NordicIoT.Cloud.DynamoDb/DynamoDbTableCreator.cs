using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace NordicIoT.Cloud.DynamoDb;

/// <summary>Creates the engine's tables when missing and waits until they and their indexes are active.</summary>
internal sealed class DynamoDbTableCreator(IAmazonDynamoDB client, DynamoDbRetry retry)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    // New on-demand tables take seconds to a minute; far beyond that something is wrong.
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromMinutes(5);

    public async Task EnsureAsync(IReadOnlyList<CreateTableRequest> tables, CancellationToken cancellationToken)
    {
        foreach (CreateTableRequest table in tables)
        {
            TableDescription? existing = await DescribeAsync(table.TableName, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                try
                {
                    await retry.RunAsync(ct => client.CreateTableAsync(table, ct), cancellationToken).ConfigureAwait(false);
                }
                catch (ResourceInUseException)
                {
                    // Another process created it first; waiting for it below is all that is left.
                }
            }
            else
            {
                CheckKeys(table, existing);
            }
        }

        foreach (CreateTableRequest table in tables)
        {
            await WaitUntilActiveAsync(table.TableName, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TableDescription?> DescribeAsync(string tableName, CancellationToken cancellationToken)
    {
        try
        {
            DescribeTableResponse response = await retry.RunAsync(ct => client.DescribeTableAsync(tableName, ct), cancellationToken).ConfigureAwait(false);
            return response.Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private static void CheckKeys(CreateTableRequest wanted, TableDescription existing)
    {
        string Keys(IEnumerable<KeySchemaElement>? schema) => string.Join(", ", (schema ?? []).Select(k => $"{k.AttributeName} {k.KeyType}"));
        string want = Keys(wanted.KeySchema);
        string have = Keys(existing.KeySchema);
        if (want != have)
        {
            throw new InvalidOperationException($"table {wanted.TableName} exists with key ({have}), not ({want}) as this engine needs; use another table prefix");
        }
    }

    private async Task WaitUntilActiveAsync(string tableName, CancellationToken cancellationToken)
    {
        DateTime giveUp = DateTime.UtcNow + ActiveTimeout;
        while (true)
        {
            TableDescription? table = await DescribeAsync(tableName, cancellationToken).ConfigureAwait(false);
            bool active = table is not null
                && table.TableStatus == TableStatus.ACTIVE
                && (table.GlobalSecondaryIndexes ?? []).All(index => index.IndexStatus == IndexStatus.ACTIVE);
            if (active)
            {
                return;
            }

            if (DateTime.UtcNow > giveUp)
            {
                throw new TimeoutException($"table {tableName} is not active after {ActiveTimeout.TotalMinutes} minutes (status {table?.TableStatus})");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
