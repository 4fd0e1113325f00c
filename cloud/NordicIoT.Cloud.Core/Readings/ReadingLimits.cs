namespace NordicIoT.Cloud.Readings;

/// <summary>Limits every reading store enforces and ingestion checks first (so a batch beyond them becomes a dead letter, not an error).</summary>
public static class ReadingLimits
{
    /// <summary>Longest time from a batch's first to its last reading. The DynamoDB engine finds batches by their first reading, so a query looks back this far before its window; stores reject longer batches.</summary>
    public static readonly TimeSpan MaxBatchSpan = TimeSpan.FromDays(7);
}
