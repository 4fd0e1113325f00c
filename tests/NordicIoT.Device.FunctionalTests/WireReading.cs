using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.FunctionalTests;

/// <summary>A reading as the cloud decodes it; (sensor, time) identifies it, as in the cloud's store.</summary>
internal sealed record WireReading(int Sensor, long Time, string Values)
{
    public string Key => $"{Sensor}@{Time}";

    /// <summary>Decodes a batch payload into its readings (by sensor, then time).</summary>
    public static List<WireReading> FromBatch(byte[] payload)
    {
        var batch = new ReadingBatch(4096, 4096 * SensorKind.MaxDimensions);
        BatchDecoder.Decode(new CborReader(payload, 0, payload.Length), batch);
        var readings = new List<WireReading>(batch.Count);
        for (int i = 0; i < batch.Count; i++)
        {
            int dims = SensorKind.Dimensions(batch.Sensors[i]);
            readings.Add(new WireReading(batch.Sensors[i], batch.Times[i], string.Join(',', batch.Values.AsSpan(batch.ValueStarts[i], dims).ToArray())));
        }

        return readings;
    }

    public static StateReport StateFrom(byte[] payload)
    {
        var report = new StateReport();
        StateReportCodec.Decode(new CborReader(payload, 0, payload.Length), report);
        return report;
    }
}
