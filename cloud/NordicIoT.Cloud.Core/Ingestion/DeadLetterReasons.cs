namespace NordicIoT.Cloud.Ingestion;

/// <summary>The machine-readable reasons ingestion refuses a message for (<see cref="DeadLetters.DeadLetter.Reason"/>).</summary>
public static class DeadLetterReasons
{
    /// <summary>The topic is not d/{id}/b or d/{id}/s.</summary>
    public const string UnknownTopic = "unknown-topic";

    /// <summary>The payload is larger than the configured limit.</summary>
    public const string Oversize = "oversize";

    /// <summary>No device with the topic's id is registered.</summary>
    public const string UnknownDevice = "unknown-device";

    /// <summary>The payload is not a valid batch or state report.</summary>
    public const string Malformed = "malformed";

    /// <summary>A device time lies in the future, before the earliest accepted time, or a batch spans too long.</summary>
    public const string TimestampOutOfRange = "timestamp-out-of-range";

    /// <summary>Every reason, for metrics that list zero counts too.</summary>
    public static readonly IReadOnlyList<string> All = [UnknownTopic, Oversize, UnknownDevice, Malformed, TimestampOutOfRange];
}
