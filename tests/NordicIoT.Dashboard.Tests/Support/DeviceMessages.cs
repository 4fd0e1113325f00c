using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Dashboard.Tests.Support;

/// <summary>Payloads a device sends, made with the device's own encoders.</summary>
public static class DeviceMessages
{
    /// <summary>A batch holding one reading of <paramref name="sensor"/> per (time, values).</summary>
    public static byte[] Batch(int sensor, params (DateTimeOffset Time, int[] Values)[] readings)
    {
        var batch = new ReadingBatch(readings.Length, readings.Length * SensorKind.MaxDimensions);
        foreach (var (time, values) in readings)
        {
            batch.Add(sensor, time.ToUnixTimeSeconds(), values, 0);
        }

        var buffer = new byte[BatchEncoder.EncodedSize(batch, batch.Count)];
        BatchEncoder.Encode(batch, batch.Count, new CborWriter(buffer));
        return buffer;
    }

    /// <summary>A batch of one-value readings of <paramref name="sensor"/>.</summary>
    public static byte[] Series(int sensor, params (DateTimeOffset Time, int Value)[] readings) =>
        Batch(sensor, [.. readings.Select(r => (r.Time, new[] { r.Value }))]);

    /// <summary>A state report with the fields <paramref name="fill"/> sets, stamped <paramref name="at"/> (default now).</summary>
    public static byte[] State(Action<StateReport> fill, DateTimeOffset? at = null)
    {
        var report = new StateReport { Time = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() };
        fill(report);
        var buffer = new byte[2048];
        var length = StateReportCodec.Encode(report, new CborWriter(buffer));
        return buffer[..length];
    }
}
