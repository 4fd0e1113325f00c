using System.Runtime.InteropServices;
using NordicIoT.Cloud.DeadLetters;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Ingestion.Events;
using NordicIoT.Cloud.Storage;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Ingestion;

/// <summary>The one path every device message takes, from the local MQTT bridge or the AWS IoT rule: check → decode → validate → store idempotently → update the twin → notify.</summary>
/// <remarks>
/// Bad input never throws: it becomes a dead letter with a reason. Storage failures do throw, so the caller can retry
/// (storing is idempotent and the twin merge only moves forward, so a retry is always safe).
/// </remarks>
/// <param name="otaProgress">Told about OTA progress in state reports (the rollouts), when given.</param>
public sealed class IngestPipeline(ICloudStorage storage, IDeviceEvents events, IngestOptions options, IngestMetrics metrics, IOtaProgressSink? otaProgress = null)
{
    private const int MaxStoredTopicLength = 256;

    /// <summary>Ingests one message as received on <paramref name="topic"/>.</summary>
    public async Task<IngestOutcome> IngestAsync(string topic, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (!Topics.TryParse(topic, out var deviceId, out var kind) || (kind != 'b' && kind != 's'))
        {
            return await RefuseAsync(topic, deviceId, payload, receivedAt, DeadLetterReasons.UnknownTopic,
                "topic is not d/{id}/b (batch) or d/{id}/s (state)", cancellationToken).ConfigureAwait(false);
        }

        if (payload.Length > options.MaxPayloadBytes)
        {
            return await RefuseAsync(topic, deviceId, payload, receivedAt, DeadLetterReasons.Oversize,
                $"payload is {payload.Length} bytes, more than the {options.MaxPayloadBytes} allowed", cancellationToken).ConfigureAwait(false);
        }

        var twin = await storage.Devices.GetAsync(deviceId, cancellationToken).ConfigureAwait(false);
        if (twin is null)
        {
            return await RefuseAsync(topic, deviceId, payload, receivedAt, DeadLetterReasons.UnknownDevice,
                $"no device '{deviceId}' is registered", cancellationToken).ConfigureAwait(false);
        }

        // The decoder reports byte offsets within the array it reads; starting at 0 makes them payload offsets.
        var bytes = MemoryMarshal.TryGetArray(payload, out var segment) && segment.Offset == 0 ? segment.Array! : payload.ToArray();
        return kind == 'b'
            ? await IngestBatchAsync(topic, twin, bytes, payload, receivedAt, cancellationToken).ConfigureAwait(false)
            : await IngestStateAsync(topic, twin, bytes, payload, receivedAt, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IngestOutcome> IngestBatchAsync(
        string topic, DeviceTwin twin, byte[] bytes, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        // Every value costs at least one byte on the wire, so the payload length bounds readings and values alike.
        var batch = new ReadingBatch(payload.Length, payload.Length);
        try
        {
            BatchDecoder.Decode(new CborReader(bytes, 0, payload.Length), batch);
        }
        catch (WireFormatException e)
        {
            return await RefuseAsync(topic, twin.DeviceId, payload, receivedAt, DeadLetterReasons.Malformed, e.Message, cancellationToken).ConfigureAwait(false);
        }

        if (TimestampCheck.Batch(batch, receivedAt, options) is { } problem)
        {
            return await RefuseAsync(topic, twin.DeviceId, payload, receivedAt, DeadLetterReasons.TimestampOutOfRange, problem, cancellationToken).ConfigureAwait(false);
        }

        await storage.Readings.StoreBatchAsync(twin.DeviceId, batch, payload, receivedAt, cancellationToken).ConfigureAwait(false);
        metrics.BatchStored(batch.Count);
        events.Publish(Stored(twin.DeviceId, batch, receivedAt));
        await UpdateTwinAsync(twin, t => TwinMerge.ApplyBatch(t, batch, receivedAt), receivedAt, cancellationToken).ConfigureAwait(false);
        return IngestOutcome.BatchStored(twin.DeviceId, batch.Count);
    }

    private async Task<IngestOutcome> IngestStateAsync(
        string topic, DeviceTwin twin, byte[] bytes, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var report = new StateReport();
        try
        {
            StateReportCodec.Decode(new CborReader(bytes, 0, payload.Length), report);
        }
        catch (WireFormatException e)
        {
            return await RefuseAsync(topic, twin.DeviceId, payload, receivedAt, DeadLetterReasons.Malformed, e.Message, cancellationToken).ConfigureAwait(false);
        }

        var reportedAt = receivedAt;
        if (report.Has(StateField.Time))
        {
            reportedAt = DateTimeOffset.FromUnixTimeSeconds(report.Time);
            if (TimestampCheck.Time(reportedAt, "state report", receivedAt, options) is { } problem)
            {
                return await RefuseAsync(topic, twin.DeviceId, payload, receivedAt, DeadLetterReasons.TimestampOutOfRange, problem, cancellationToken).ConfigureAwait(false);
            }
        }

        await UpdateTwinAsync(twin, t => TwinMerge.ApplyState(t, report, reportedAt, receivedAt), receivedAt, cancellationToken).ConfigureAwait(false);
        if (otaProgress is not null && report.Has(StateField.Ota))
        {
            await otaProgress.ReportedAsync(twin.DeviceId, report.Ota, reportedAt, receivedAt, cancellationToken).ConfigureAwait(false);
        }

        metrics.StateApplied();
        return IngestOutcome.StateApplied(twin.DeviceId);
    }

    private async Task UpdateTwinAsync(DeviceTwin twin, Action<DeviceTwin> merge, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var update = await TwinUpdater.UpdateAsync(storage.Devices, twin.DeviceId, twin, t =>
        {
            merge(t);
            return true;
        }, options.TwinUpdateAttempts, cancellationToken).ConfigureAwait(false);
        if (update is { Status: TwinUpdateStatus.Updated, Twin: { } stored })
        {
            events.Publish(new TwinChanged(stored.DeviceId, receivedAt, stored.Version));
        }
    }

    private async Task<IngestOutcome> RefuseAsync(
        string? topic, string? deviceId, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, string reason, string detail, CancellationToken cancellationToken)
    {
        var kept = payload.Length <= DeadLetter.MaxStoredPayload ? payload : payload[..DeadLetter.MaxStoredPayload];
        var storedTopic = topic is null ? "" : topic.Length <= MaxStoredTopicLength ? topic : topic[..MaxStoredTopicLength];
        var deadLetter = new DeadLetter(
            Guid.CreateVersion7(receivedAt).ToString("N"), receivedAt, storedTopic, deviceId, reason, detail, kept.ToArray(), payload.Length);
        await storage.DeadLetters.AddAsync(deadLetter, cancellationToken).ConfigureAwait(false);
        metrics.DeadLettered(reason);
        return IngestOutcome.DeadLettered(deviceId, reason, detail);
    }

    private static ReadingsStored Stored(string deviceId, ReadingBatch batch, DateTimeOffset receivedAt)
    {
        var sensors = new SortedSet<int>();
        long first = long.MaxValue, last = long.MinValue;
        for (var i = 0; i < batch.Count; i++)
        {
            sensors.Add(batch.Sensors[i]);
            first = Math.Min(first, batch.Times[i]);
            last = Math.Max(last, batch.Times[i]);
        }

        return new ReadingsStored(deviceId, receivedAt, batch.Count, [.. sensors],
            DateTimeOffset.FromUnixTimeSeconds(first), DateTimeOffset.FromUnixTimeSeconds(last));
    }
}
