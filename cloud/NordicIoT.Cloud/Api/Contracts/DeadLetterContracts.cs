namespace NordicIoT.Cloud.Api.Contracts;

/// <summary>A refused message.</summary>
/// <param name="PayloadHex">The payload (at most 4096 bytes kept) as hex, for a CBOR diagnostic tool.</param>
/// <param name="PayloadLength">Length of the payload as received.</param>
public sealed record DeadLetterView(string Id, DateTimeOffset ReceivedAt, string Topic, string? DeviceId, string Reason, string Detail, string PayloadHex, int PayloadLength);

/// <summary>Newest dead letters first, and how many are stored in all (for the filter).</summary>
public sealed record DeadLetterList(IReadOnlyList<DeadLetterView> DeadLetters, long Total);
