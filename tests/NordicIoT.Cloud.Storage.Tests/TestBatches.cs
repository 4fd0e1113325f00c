using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Storage.Tests;

/// <summary>One reading to put into a test batch.</summary>
public sealed record TestReading(int Sensor, long Time, params int[] Values);

/// <summary>A decoded batch and the CBOR a device would have sent for it, as ingestion hands them to a reading store.</summary>
public sealed record TestBatch(ReadingBatch Batch, byte[] Payload)
{
    /// <summary>Encodes <paramref name="readings"/> with the device's encoder and decodes them back, as ingestion would.</summary>
    public static TestBatch Of(params TestReading[] readings)
    {
        var source = new ReadingBatch(readings.Length, readings.Length * SensorKind.MaxDimensions);
        foreach (TestReading reading in readings)
        {
            source.Add(reading.Sensor, reading.Time, reading.Values, 0);
        }

        var buffer = new byte[BatchEncoder.EncodedSize(source, source.Count)];
        BatchEncoder.Encode(source, source.Count, new CborWriter(buffer));
        var decoded = new ReadingBatch(buffer.Length, buffer.Length);
        BatchDecoder.Decode(new CborReader(buffer, 0, buffer.Length), decoded);
        return new TestBatch(decoded, buffer);
    }

    /// <summary>One-value readings of <paramref name="sensor"/> at the given times, each valued time % 1000.</summary>
    public static TestBatch Series(int sensor, params long[] times) =>
        Of([.. times.Select(time => new TestReading(sensor, time, (int)(time % 1000)))]);
}
