using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace NordicIoT.Cloud.DynamoDb;

/// <summary>Retries calls DynamoDB throttled, with exponential backoff and full jitter, on top of whatever the SDK client already retried.</summary>
internal sealed class DynamoDbRetry(DynamoDbStorageOptions options)
{
    public int MaxAttempts => options.MaxAttempts;

    /// <summary>Runs <paramref name="call"/>, again after a growing random wait while it is throttled, up to <see cref="DynamoDbStorageOptions.MaxAttempts"/> tries.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonDynamoDBException e) when (IsThrottling(e) && attempt < options.MaxAttempts)
            {
                await WaitAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs a conditional write through <see cref="RunAsync{T}"/>; false when DynamoDB refused it because its condition did not hold.</summary>
    public async Task<bool> ConditionHoldsAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(write, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>Waits before retry number <paramref name="attempt"/> (1 for the first retry).</summary>
    public Task WaitAsync(int attempt, CancellationToken cancellationToken)
    {
        double ceiling = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), cancellationToken);
    }

    private static bool IsThrottling(AmazonDynamoDBException e) =>
        e is ProvisionedThroughputExceededException or RequestLimitExceededException
        || e.ErrorCode is "ThrottlingException" or "ProvisionedThroughputExceededException";
}
