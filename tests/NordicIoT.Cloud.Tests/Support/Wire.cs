using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Tests.Support;

/// <summary>One reading for a test batch: sensor, Unix seconds, fixed-point values.</summary>
public sealed record TestReading(int Sensor, long Time, params int[] Values);

/// <summary>Builds the payloads a device sends, with the device's own encoders.</summary>
public static class Wire
{
    /// <summary>A batch payload holding <paramref name="readings"/>.</summary>
    public static byte[] Batch(params TestReading[] readings)
    {
        var batch = new ReadingBatch(readings.Length, readings.Length * SensorKind.MaxDimensions);
        foreach (var reading in readings)
        {
            batch.Add(reading.Sensor, reading.Time, reading.Values, 0);
        }

        var buffer = new byte[BatchEncoder.EncodedSize(batch, batch.Count)];
        BatchEncoder.Encode(batch, batch.Count, new CborWriter(buffer));
        return buffer;
    }

    /// <summary>A batch of one-value readings of <paramref name="sensor"/>, one per (time, value) pair.</summary>
    public static byte[] Series(int sensor, params (long Time, int Value)[] readings) =>
        Batch([.. readings.Select(r => new TestReading(sensor, r.Time, r.Value))]);

    /// <summary>A state report payload with the fields <paramref name="fill"/> sets.</summary>
    public static byte[] State(Action<StateReport> fill)
    {
        var report = new StateReport();
        fill(report);
        var buffer = new byte[1024];
        var length = StateReportCodec.Encode(report, new CborWriter(buffer));
        return buffer[..length];
    }

    /// <summary>Unix seconds of a time.</summary>
    public static long Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds();
}
