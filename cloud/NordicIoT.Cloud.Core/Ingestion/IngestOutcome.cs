namespace NordicIoT.Cloud.Ingestion;

/// <summary>What the pipeline did with one message.</summary>
/// <param name="Result">Stored, applied or refused.</param>
/// <param name="DeviceId">The topic's device id, when it had one.</param>
/// <param name="Readings">Readings in a stored batch; 0 otherwise.</param>
/// <param name="DeadLetterReason">One of <see cref="DeadLetterReasons"/> when refused.</param>
/// <param name="Detail">Why it was refused, for people.</param>
public sealed record IngestOutcome(IngestResult Result, string? DeviceId, int Readings, string? DeadLetterReason, string? Detail)
{
    /// <summary>A batch that was stored.</summary>
    public static IngestOutcome BatchStored(string deviceId, int readings) => new(IngestResult.BatchStored, deviceId, readings, null, null);

    /// <summary>A state report that was merged into the twin.</summary>
    public static IngestOutcome StateApplied(string deviceId) => new(IngestResult.StateApplied, deviceId, 0, null, null);

    /// <summary>A message kept as a dead letter.</summary>
    public static IngestOutcome DeadLettered(string? deviceId, string reason, string detail) => new(IngestResult.DeadLettered, deviceId, 0, reason, detail);
}

/// <summary>The three ends a message can come to.</summary>
public enum IngestResult
{
    /// <summary>The batch's readings are stored and the twin's latest values updated.</summary>
    BatchStored,

    /// <summary>The state report is merged into the twin.</summary>
    StateApplied,

    /// <summary>The message was refused and kept as a dead letter.</summary>
    DeadLettered,
}
