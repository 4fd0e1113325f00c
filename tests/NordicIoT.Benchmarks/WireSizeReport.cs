using System.Text;
using System.Text.Json;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Benchmarks;

/// <summary>Bytes on the wire for the reference data sets, next to the JSON way of sending the same readings.</summary>
public static class WireSizeReport
{
    public static void Print(TextWriter output)
    {
        var buffer = new byte[64 * 1024];
        var writer = new CborWriter(buffer);

        int gps = Encode(SampleData.GpsFix(), writer);
        int gpsJson = Json(new { v = new { lng = 10.414394, lat = 63.430588, acc = 17.127758, alt = 221.639832, spd = 0.320966, hdg = 0 }, ts = 1566042672382 });

        var ten = SampleData.TemperatureReadings(SampleData.TenTemperatures, SampleData.FixTime);
        int tenBytes = Encode(ten, writer);
        int tenJson = Json(SampleData.TenTemperatures.Select((v, i) => new { v = v / 100.0, ts = (SampleData.FixTime + (60 * i)) * 1000 }).ToArray());

        var day = SampleData.RandomWalkDay(seed: 7);
        int dayBytes = 0;
        int dayJson = 0;
        for (int start = 0; start < day.Length; start += 60)
        {
            var chunk = day.AsSpan(start, 60).ToArray();
            long time = SampleData.FixTime + (60 * start);
            dayBytes += Encode(SampleData.TemperatureReadings(chunk, time), writer);
            dayJson += Json(chunk.Select((v, i) => new { v = v / 100.0, ts = (time + (60 * i)) * 1000 }).ToArray());
        }

        output.WriteLine("Wire format sizes (payload bytes; JSON is the {\"v\":..,\"ts\":..} way, measured here)");
        output.WriteLine();
        output.WriteLine("| data | NordicIoT CBOR | JSON | goal |");
        output.WriteLine("|---|---:|---:|---|");
        output.WriteLine($"| one GPS fix, one-entry batch | {gps} B | {gpsJson} B | <= 30 B |");
        output.WriteLine($"| 10 temperature readings, 60 s apart | {tenBytes} B | {tenJson} B | <= 24 B |");
        output.WriteLine($"| a day of 1,440 readings in batches of 60 | {dayBytes} B = {dayBytes / 1440.0:F2} B/reading | {dayJson / 1440.0:F1} B/reading | <= 1.5 B/reading |");
        output.WriteLine();
    }

    private static int Encode(ReadingBatch batch, CborWriter writer)
    {
        writer.Reset(writer.Buffer, 0);
        return BatchEncoder.Encode(batch, batch.Count, writer);
    }

    private static int Json<T>(T value) => Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(value));
}
