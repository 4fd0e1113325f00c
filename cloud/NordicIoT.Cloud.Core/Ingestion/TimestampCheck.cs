using System.Globalization;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Ingestion;

/// <summary>Checks device times against the receive time and the limits in <see cref="IngestOptions"/>; each check returns null or the reason it failed.</summary>
public static class TimestampCheck
{
    /// <summary>Null when every reading lies between the earliest accepted time and shortly after receipt, and the batch spans no longer than allowed.</summary>
    public static string? Batch(ReadingBatch batch, DateTimeOffset receivedAt, IngestOptions options)
    {
        var first = 0;
        var last = 0;
        for (var i = 1; i < batch.Count; i++)
        {
            first = batch.Times[i] < batch.Times[first] ? i : first;
            last = batch.Times[i] > batch.Times[last] ? i : last;
        }

        var earliest = DateTimeOffset.FromUnixTimeSeconds(batch.Times[first]);
        var latest = DateTimeOffset.FromUnixTimeSeconds(batch.Times[last]);
        return Time(earliest, $"reading of {SensorKind.Name(batch.Sensors[first])}", receivedAt, options)
            ?? Time(latest, $"reading of {SensorKind.Name(batch.Sensors[last])}", receivedAt, options)
            ?? (latest - earliest > options.MaxBatchSpan
                ? $"batch spans {Text(earliest)} to {Text(latest)}, longer than the {options.MaxBatchSpan.TotalDays.ToString(CultureInfo.InvariantCulture)} days allowed"
                : null);
    }

    /// <summary>Null when <paramref name="time"/> is not before the earliest accepted time nor too far after <paramref name="receivedAt"/>.</summary>
    public static string? Time(DateTimeOffset time, string what, DateTimeOffset receivedAt, IngestOptions options)
    {
        if (time < options.EarliestTime)
        {
            return $"{what} at {Text(time)} is before {Text(options.EarliestTime)} (device clock not set?)";
        }

        var limit = receivedAt + options.MaxClockAhead;
        return time > limit
            ? $"{what} at {Text(time)} is more than {options.MaxClockAhead.TotalMinutes.ToString(CultureInfo.InvariantCulture)} min after it was received ({Text(receivedAt)})"
            : null;
    }

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
