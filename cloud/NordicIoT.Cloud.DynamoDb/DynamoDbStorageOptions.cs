namespace NordicIoT.Cloud.DynamoDb;

/// <summary>Settings of the DynamoDB engine: which tables, and how patiently to retry when DynamoDB throttles.</summary>
public sealed record DynamoDbStorageOptions
{
    /// <summary>Put before every table name ("nordiciot-" gives "nordiciot-devices"), so several deployments or test runs can share an account.</summary>
    public required string TablePrefix { get; init; }

    /// <summary>Tries per call while DynamoDB throttles or leaves items unprocessed, the first included.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Upper bound of the first retry's random wait; it doubles with every further retry.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Upper bound of any one wait.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws unless the options are usable.</summary>
    public void Validate()
    {
        // Table names allow 3..255 of [A-Za-z0-9_.-]; the longest suffix here is "dead-letters".
        if (TablePrefix is null || TablePrefix.Length > 200 || !TablePrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
        {
            throw new ArgumentException("DynamoDB table prefix must be up to 200 characters of A-Z, a-z, 0-9, '_', '.' or '-'", nameof(TablePrefix));
        }

        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "at least one attempt");
        }

        if (BaseDelay <= TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), BaseDelay, "retry delays must be positive, the maximum at least the base");
        }
    }
}
