namespace NordicIoT.Cloud.DeadLetters;

/// <summary>A message ingestion refused, kept with why, so nothing a device sent disappears silently.</summary>
/// <param name="Id">Unique id (sortable by time).</param>
/// <param name="DeviceId">Device id from the topic, when the topic had one.</param>
/// <param name="Reason">Machine-readable class, e.g. "malformed", "unknown-device", "timestamp-out-of-range", "oversize".</param>
/// <param name="Detail">Human-readable explanation (decoder reason and byte offset, the bad timestamp...).</param>
/// <param name="Payload">The payload, cut to <see cref="MaxStoredPayload"/> bytes.</param>
/// <param name="PayloadLength">Length of the whole payload as received.</param>
public sealed record DeadLetter(string Id, DateTimeOffset ReceivedAt, string Topic, string? DeviceId, string Reason, string Detail, byte[] Payload, int PayloadLength)
{
    /// <summary>Most payload bytes a dead letter keeps.</summary>
    public const int MaxStoredPayload = 4096;
}
