using NordicIoT.Device.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Storage;

/// <summary>One reading as the tests see it; its text form is what assertions compare.</summary>
public sealed record Reading(int Sensor, long Time, int[] Values)
{
    private static readonly int[] Sensors = [SensorKind.Temperature, SensorKind.Humidity, SensorKind.Pressure, SensorKind.Battery, SensorKind.Signal, SensorKind.Gps, SensorKind.FirstApplicationSensor, SensorKind.MaxSensorId];

    public static Reading Random(Random random)
    {
        int sensor = Sensors[random.Next(Sensors.Length)];
        var values = new int[SensorKind.Dimensions(sensor)];
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = random.Next(4) == 0 ? random.Next(-5, 5) : (int)random.NextInt64(int.MinValue, (long)int.MaxValue + 1);
        }

        return new Reading(sensor, random.NextInt64(1_600_000_000, 4_000_000_000), values);
    }

    public void AppendTo(ReadingBuffer buffer) => buffer.Append(Sensor, Time, Values, 0);

    /// <summary>Every reading from sequence <paramref name="from"/> on, each as "sequence:text", read in small batches.</summary>
    public static List<string> ReadAll(ReadingBuffer buffer, long from = 0)
    {
        var all = new List<string>();
        var batch = new ReadingBatch(7, 7 * SensorKind.MaxDimensions);
        long sequence = Math.Max(from, buffer.FirstSequence);
        while (true)
        {
            batch.Clear();
            int read = buffer.Read(sequence, batch, int.MaxValue);
            Assert.Equal(read, batch.Count);
            if (read == 0)
            {
                return all;
            }

            all.AddRange(Texts(batch, sequence));
            sequence += read;
        }
    }

    /// <summary>The readings in <paramref name="batch"/> as "sequence:text", the first having sequence <paramref name="first"/>.</summary>
    public static IEnumerable<string> Texts(ReadingBatch batch, long first)
    {
        for (int i = 0; i < batch.Count; i++)
        {
            int dims = SensorKind.Dimensions(batch.Sensors[i]);
            var values = batch.Values.AsSpan(batch.ValueStarts[i], dims).ToArray();
            yield return first + i + ":" + new Reading(batch.Sensors[i], batch.Times[i], values);
        }
    }

    public override string ToString() => $"{Sensor}@{Time}[{string.Join(',', Values)}]";
}
