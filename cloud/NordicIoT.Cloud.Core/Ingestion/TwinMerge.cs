using NordicIoT.Cloud.Devices;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Ingestion;

/// <summary>Merges what a device sent into its twin. Device time decides: a value older than the one the twin holds (a late or redelivered message) never replaces it.</summary>
public static class TwinMerge
{
    /// <summary>Moves each sensor's latest reading forward to the newest one in <paramref name="batch"/>, and last seen to <paramref name="receivedAt"/>.</summary>
    public static void ApplyBatch(DeviceTwin twin, ReadingBatch batch, DateTimeOffset receivedAt)
    {
        var newest = new Dictionary<int, int>();
        for (var i = 0; i < batch.Count; i++)
        {
            var sensor = batch.Sensors[i];
            if (!newest.TryGetValue(sensor, out var best) || batch.Times[i] > batch.Times[best])
            {
                newest[sensor] = i;
            }
        }

        foreach (var (sensor, index) in newest)
        {
            var values = batch.Values.AsSpan(batch.ValueStarts[index], SensorKind.Dimensions(sensor)).ToArray();
            MoveLatest(twin, sensor, DateTimeOffset.FromUnixTimeSeconds(batch.Times[index]), values);
        }

        See(twin, receivedAt);
    }

    /// <summary>Sets each reported field unless the twin holds a value reported later; latest values in the report count as readings at <paramref name="reportedAt"/>.</summary>
    /// <param name="reportedAt">The report's device time (key 1), or the receive time when it had none.</param>
    public static void ApplyState(DeviceTwin twin, StateReport report, DateTimeOffset reportedAt, DateTimeOffset receivedAt)
    {
        foreach (var (name, value) in ReportedFields.Of(report))
        {
            // Equal times apply in arrival order: two reports within one second are both current.
            if (!twin.Reported.TryGetValue(name, out var held) || reportedAt >= held.ReportedAt)
            {
                twin.Reported[name] = new ReportedValue(value, reportedAt);
            }
        }

        var latest = report.Latest;
        for (var i = 0; i < latest.Count; i++)
        {
            var sensor = latest.Sensors[i];
            MoveLatest(twin, sensor, reportedAt, latest.Values.AsSpan(latest.ValueStarts[i], SensorKind.Dimensions(sensor)).ToArray());
        }

        See(twin, receivedAt);
    }

    private static void MoveLatest(DeviceTwin twin, int sensor, DateTimeOffset time, int[] values)
    {
        if (!twin.Latest.TryGetValue(sensor, out var held) || time > held.Time)
        {
            twin.Latest[sensor] = new LatestReading(time, values);
        }
    }

    // Messages can be processed out of order (retries, several processes); last seen never moves back.
    private static void See(DeviceTwin twin, DateTimeOffset receivedAt)
    {
        if (twin.LastSeen is not { } seen || receivedAt > seen)
        {
            twin.LastSeen = receivedAt;
        }
    }
}
