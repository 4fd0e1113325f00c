using NordicIoT.Device;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Benchmarks.Device;

/// <summary>MQTT bytes one device with the default profile sends and receives in a simulated day, next to sending the same readings as JSON.</summary>
/// <remarks>
/// Default profile: temperature, humidity, pressure and battery once a minute, an uplink every 15 minutes, the default
/// keep-alive, normal mode (the session stays open). Everything is counted at the MQTT layer: fixed header, topic, packet
/// id, PUBACK, CONNECT/SUBSCRIBE and keep-alive pings; TLS records are not.
/// </remarks>
public static class DeviceWireReport
{
    public static void Print(TextWriter output)
    {
        var run = new DeviceRun();
        var topics = new Topics(DeviceRun.DeviceId);
        var decoded = new ReadingBatch(DeviceOptions.DefaultMaxReadingsPerBatch, DeviceOptions.DefaultMaxReadingsPerBatch * SensorKind.MaxDimensions);
        long batchBytes = 0, jsonBytes = 0, stateBytes = 0, batches = 0, states = 0, readings = 0;
        run.Transport.Published = (topic, payload, length) =>
        {
            long bytes = MqttPacketSizes.Publish(topic, length, qos: 1) + MqttPacketSizes.PubAck;
            if (topic == topics.Batch)
            {
                decoded.Clear();
                BatchDecoder.Decode(new CborReader(payload, 0, length), decoded);
                batchBytes += bytes;
                jsonBytes += JsonUplink.Bytes(topic, decoded);
                readings += decoded.Count;
                batches++;
            }
            else
            {
                stateBytes += bytes;
                states++;
            }
        };

        run.RunFor(TimeSpan.FromDays(1));
        run.Transport.CountPingsUntilNow();
        long session = run.Transport.SessionBytes;
        long pings = run.Transport.PingBytes;
        long cbor = batchBytes + stateBytes + session;
        long json = jsonBytes + stateBytes + session;

        output.WriteLine("Device bytes on the wire per day, default profile (4 sensors once a minute, uplink every 15 min; MQTT 3.1.1 without TLS)");
        output.WriteLine();
        output.WriteLine($"{readings} readings in {batches} batch publishes and {states} state reports; keep-alive {DeviceOptions.DefaultKeepAliveSeconds} s = {run.Transport.Pings} ping round trips.");
        output.WriteLine();
        output.WriteLine("| per device per day | NordicIoT CBOR batches | JSON {\"v\",\"ts\"} per sensor | JSON / CBOR |");
        output.WriteLine("|---|---:|---:|---:|");
        output.WriteLine($"| readings: PUBLISH (header, topic, packet id, payload) + PUBACK | {batchBytes:N0} B | {jsonBytes:N0} B | {Ratio(jsonBytes, batchBytes)} |");
        output.WriteLine($"| state reports + PUBACK | {stateBytes:N0} B | {stateBytes:N0} B | |");
        output.WriteLine($"| CONNECT/CONNACK, 2 x SUBSCRIBE/SUBACK | {session:N0} B | {session:N0} B | |");
        output.WriteLine($"| total without keep-alive | {cbor:N0} B = {cbor / (double)readings:F2} B/reading | {json:N0} B | {Ratio(json, cbor)} (goal >= 15x) |");
        output.WriteLine($"| keep-alive PINGREQ/PINGRESP, {DeviceOptions.DefaultKeepAliveSeconds} s | {pings:N0} B | {pings:N0} B | |");
        output.WriteLine($"| total with keep-alive | {cbor + pings:N0} B | {json + pings:N0} B | {Ratio(json + pings, cbor + pings)} |");
        output.WriteLine();
        output.WriteLine($"Keep-alive pings cost {pings / (double)(cbor + pings):P0} of the CBOR day (at 60 s they were a third of it; an uplink every 15 min inside a 1200 s keep-alive needs no pings).");
        output.WriteLine();
    }

    private static string Ratio(long larger, long smaller) => $"{larger / (double)smaller:F1}x";
}
