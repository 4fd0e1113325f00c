using NordicIoT.Schemas.Messages;

namespace NordicIoT.Benchmarks;

/// <summary>The data sets of shared/docs/wire-format.md, so figures compare with the anchors measured there.</summary>
public static class SampleData
{
    public const long FixTime = 1566042672;

    public static readonly int[] TenTemperatures = [2137, 2139, 2142, 2141, 2145, 2150, 2148, 2147, 2152, 2155];

    public static ReadingBatch GpsFix()
    {
        var batch = new ReadingBatch(1, SensorKind.GpsDimensions);
        // 63.430588 N, 10.414394 E, accuracy 17.127758 m, altitude 221.639832 m, speed 0.320966 m/s, heading 0.
        batch.Add(SensorKind.Gps, FixTime, [63_430_588, 10_414_394, 171, 2216, 32, 0], 0);
        return batch;
    }

    public static ReadingBatch TemperatureReadings(int[] values, long start)
    {
        var batch = new ReadingBatch(values.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            batch.Add(SensorKind.Temperature, start + (60 * i), values[i]);
        }

        return batch;
    }

    /// <summary>A day of one temperature reading a minute: a random walk in 0.01 °C steps (seeded).</summary>
    public static int[] RandomWalkDay(int seed)
    {
        var random = new Random(seed);
        var values = new int[1440];
        int value = 2137;
        for (int i = 0; i < values.Length; i++)
        {
            value += random.Next(-1, 2);
            values[i] = value;
        }

        return values;
    }
}
