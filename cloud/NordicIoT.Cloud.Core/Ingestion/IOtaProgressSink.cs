using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Ingestion;

/// <summary>Told about the OTA progress (state key 11) of every state report the pipeline applied, after the twin is stored.</summary>
/// <remarks>Throwing makes the message fail like a storage failure, so the caller retries it; handling must be idempotent.</remarks>
public interface IOtaProgressSink
{
    /// <summary>The device reported <paramref name="progress"/> at device time <paramref name="reportedAt"/>; it was received at <paramref name="receivedAt"/>.</summary>
    Task ReportedAsync(string deviceId, OtaProgress progress, DateTimeOffset reportedAt, DateTimeOffset receivedAt, CancellationToken cancellationToken);
}
