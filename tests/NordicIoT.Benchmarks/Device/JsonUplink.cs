using System.Text;
using System.Text.Json;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Benchmarks.Device;

/// <summary>The same readings sent the common JSON way: per uplink, one PUBLISH per sensor carrying [{"v":..,"ts":..}, ...] in physical units.</summary>
public static class JsonUplink
{
    /// <summary>PUBLISH + PUBACK bytes to send the readings of <paramref name="batch"/> on <paramref name="topic"/> as JSON.</summary>
    public static long Bytes(string topic, ReadingBatch batch)
    {
        long bytes = 0;
        foreach (var sensor in Enumerable.Range(0, batch.Count).Select(i => batch.Sensors[i]).Distinct())
        {
            var readings = Enumerable.Range(0, batch.Count)
                .Where(i => batch.Sensors[i] == sensor)
                .Select(i => new { v = Physical(sensor, batch.Values[batch.ValueStarts[i]]), ts = batch.Times[i] * 1000 })
                .ToArray();
            int payload = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(readings));
            bytes += MqttPacketSizes.Publish(topic, payload, qos: 1) + MqttPacketSizes.PubAck;
        }

        return bytes;
    }

    // The units a JSON API would use: °C, %RH, hPa, V.
    private static double Physical(int sensor, int value) => sensor switch
    {
        SensorKind.Battery => value / 1000.0,
        _ => value / 100.0,
    };
}
