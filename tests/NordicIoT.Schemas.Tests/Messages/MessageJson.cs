using System.Text.Json.Nodes;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Schemas.Tests.Messages;

/// <summary>
/// The readable form of each message used by the golden vectors: JSON with named fields, so a vector states what a
/// payload means independently of the codec that produces it.
/// </summary>
public static class MessageJson
{
    public static byte[] Encode(string message, JsonNode value)
    {
        var writer = new CborWriter(new byte[64 * 1024]);
        switch (message)
        {
            case "batch":
                var batch = BatchFromJson(value);
                BatchEncoder.Encode(batch, batch.Count, writer);
                break;
            case "state":
                StateReportCodec.Encode(StateFromJson(value), writer);
                break;
            case "config":
                DeviceConfigCodec.Encode(ConfigFromJson(value), writer);
                break;
            case "manifest":
                FirmwareManifestCodec.Encode(ManifestFromJson(value), writer);
                break;
            case "offer":
                FirmwareOfferCodec.Encode(OfferFromJson(value), writer);
                break;
            default:
                throw new ArgumentException($"unknown message kind {message}");
        }

        return writer.Buffer.AsSpan(0, writer.Position).ToArray();
    }

    public static JsonNode Decode(string message, byte[] payload)
    {
        var reader = new CborReader(payload, 0, payload.Length);
        switch (message)
        {
            case "batch":
                var batch = new ReadingBatch(payload.Length, payload.Length);
                BatchDecoder.Decode(reader, batch);
                return BatchToJson(batch);
            case "state":
                var state = new StateReport();
                StateReportCodec.Decode(reader, state);
                return StateToJson(state);
            case "config":
                var config = new DeviceConfig();
                DeviceConfigCodec.Decode(reader, config);
                return ConfigToJson(config);
            case "manifest":
                return ManifestToJson(FirmwareManifestCodec.Decode(reader));
            case "offer":
                return OfferToJson(FirmwareOfferCodec.Decode(reader));
            default:
                throw new ArgumentException($"unknown message kind {message}");
        }
    }

    /// <summary>Decodes without building the readable form, so the hostile-input test measures only the decoder.</summary>
    public static void DecodeOnly(string message, byte[] payload)
    {
        var reader = new CborReader(payload, 0, payload.Length);
        switch (message)
        {
            case "batch": BatchDecoder.Decode(reader, new ReadingBatch(payload.Length, payload.Length)); break;
            case "state": StateReportCodec.Decode(reader, new StateReport()); break;
            case "config": DeviceConfigCodec.Decode(reader, new DeviceConfig()); break;
            case "manifest": FirmwareManifestCodec.Decode(reader); break;
            default: FirmwareOfferCodec.Decode(reader); break;
        }
    }

    private static int SensorId(string name) => name switch
    {
        "temperature" => SensorKind.Temperature,
        "humidity" => SensorKind.Humidity,
        "pressure" => SensorKind.Pressure,
        "battery" => SensorKind.Battery,
        "signal" => SensorKind.Signal,
        "gps" => SensorKind.Gps,
        _ when name.StartsWith("sensor-", StringComparison.Ordinal) => int.Parse(name["sensor-".Length..]),
        _ => throw new ArgumentException($"unknown sensor {name}"),
    };

    private static ReadingBatch BatchFromJson(JsonNode value)
    {
        var readings = value["readings"]!.AsArray();
        var batch = new ReadingBatch(readings.Count, readings.Count * SensorKind.MaxDimensions);
        foreach (var reading in readings)
        {
            var values = reading!["values"]!.AsArray().Select(v => (int)v!).ToArray();
            batch.Add(SensorId((string)reading["sensor"]!), (long)reading["time"]!, values, 0);
        }

        return batch;
    }

    private static JsonNode BatchToJson(ReadingBatch batch)
    {
        var readings = new JsonArray();
        for (int i = 0; i < batch.Count; i++)
        {
            int dims = SensorKind.Dimensions(batch.Sensors[i]);
            var values = new JsonArray();
            for (int d = 0; d < dims; d++)
            {
                values.Add(batch.Values[batch.ValueStarts[i] + d]);
            }

            readings.Add(new JsonObject
            {
                ["sensor"] = SensorKind.Name(batch.Sensors[i]),
                ["time"] = batch.Times[i],
                ["values"] = values,
            });
        }

        return new JsonObject { ["readings"] = readings };
    }

    private static StateReport StateFromJson(JsonNode value)
    {
        var state = new StateReport();
        foreach (var (name, field) in value.AsObject())
        {
            switch (name)
            {
                case "time": state.Time = (long)field!; break;
                case "firmwareVersion": state.FirmwareVersion = (string)field!; break;
                case "board": state.Board = (string)field!; break;
                case "uptime": state.Uptime = (long)field!; break;
                case "freeHeap": state.FreeHeap = (long)field!; break;
                case "buffered": state.Buffered = (long)field!; break;
                case "bufferFill": state.BufferFill = (int)field!; break;
                case "dropped": state.Dropped = (long)field!; break;
                case "configVersion": state.ConfigVersion = (long)field!; break;
                case "configRejection": state.SetConfigRejection((long)field!["version"]!, (string)field["reason"]!); break;
                case "ota": state.Ota = OtaFromJson(field!); break;
                case "network": state.Network = (int)field!; break;
                case "latest":
                    foreach (var (sensor, values) in field!.AsObject())
                    {
                        state.SetLatest(SensorId(sensor), values!.AsArray().Select(v => (int)v!).ToArray(), 0);
                    }

                    break;
                default: throw new ArgumentException($"unknown state field {name}");
            }
        }

        return state;
    }

    private static OtaProgress OtaFromJson(JsonNode node)
    {
        var ota = new OtaProgress
        {
            RolloutId = (long)node["rolloutId"]!,
            Status = Enum.Parse<OtaStatus>((string)node["status"]!, ignoreCase: true),
        };
        if (node["percent"] is { } percent)
        {
            ota.Percent = (int)percent;
        }

        ota.Reason = (string?)node["reason"];
        ota.Version = (string?)node["version"];
        return ota;
    }

    private static JsonNode StateToJson(StateReport state)
    {
        var json = new JsonObject();
        if (state.Has(StateField.Time)) json["time"] = state.Time;
        if (state.Has(StateField.FirmwareVersion)) json["firmwareVersion"] = state.FirmwareVersion;
        if (state.Has(StateField.Board)) json["board"] = state.Board;
        if (state.Has(StateField.Uptime)) json["uptime"] = state.Uptime;
        if (state.Has(StateField.FreeHeap)) json["freeHeap"] = state.FreeHeap;
        if (state.Has(StateField.Buffered)) json["buffered"] = state.Buffered;
        if (state.Has(StateField.BufferFill)) json["bufferFill"] = state.BufferFill;
        if (state.Has(StateField.Dropped)) json["dropped"] = state.Dropped;
        if (state.Has(StateField.ConfigVersion)) json["configVersion"] = state.ConfigVersion;
        if (state.Has(StateField.ConfigRejection))
        {
            json["configRejection"] = new JsonObject { ["version"] = state.RejectedConfigVersion, ["reason"] = state.RejectionReason };
        }

        if (state.Has(StateField.Ota))
        {
            var ota = new JsonObject { ["rolloutId"] = state.Ota.RolloutId, ["status"] = state.Ota.Status.ToString().ToLowerInvariant() };
            if (state.Ota.Percent >= 0) ota["percent"] = state.Ota.Percent;
            if (state.Ota.Reason != null) ota["reason"] = state.Ota.Reason;
            if (state.Ota.Version != null) ota["version"] = state.Ota.Version;
            json["ota"] = ota;
        }

        if (state.Has(StateField.Latest))
        {
            var latest = new JsonObject();
            var batch = state.Latest;
            for (int i = 0; i < batch.Count; i++)
            {
                int dims = SensorKind.Dimensions(batch.Sensors[i]);
                latest[SensorKind.Name(batch.Sensors[i])] = new JsonArray(
                    Enumerable.Range(0, dims).Select(d => (JsonNode)batch.Values[batch.ValueStarts[i] + d]).ToArray());
            }

            json["latest"] = latest;
        }

        if (state.Has(StateField.Network)) json["network"] = state.Network;
        return json;
    }

    private static DeviceConfig ConfigFromJson(JsonNode value)
    {
        var config = new DeviceConfig { Version = (long)value["version"]! };
        if (value["sampleIntervals"] is JsonObject samples)
        {
            foreach (var (sensor, seconds) in samples)
            {
                config.SetSampleInterval(SensorId(sensor), (int)seconds!);
            }
        }

        if (value["uplinkInterval"] is { } uplink) config.UplinkInterval = (int)uplink;
        if (value["stateInterval"] is { } stateInterval) config.StateInterval = (int)stateInterval;
        if (value["mode"] is { } mode) config.Mode = Enum.Parse<DeviceMode>((string)mode!, ignoreCase: true);
        if (value["maxBatchBytes"] is { } maxBytes) config.MaxBatchBytes = (int)maxBytes;
        if (value["thresholds"] is JsonObject thresholds)
        {
            foreach (var (sensor, range) in thresholds)
            {
                config.SetThreshold(SensorId(sensor), (int)range![0]!, (int)range[1]!);
            }
        }

        return config;
    }

    private static JsonNode ConfigToJson(DeviceConfig config)
    {
        var json = new JsonObject { ["version"] = config.Version };
        if (config.HasSampleIntervals)
        {
            var samples = new JsonObject();
            for (int i = 0; i < config.SampleCount; i++)
            {
                int sensor = config.SampleSensorAt(i);
                samples[SensorKind.Name(sensor)] = config.SampleInterval(sensor);
            }

            json["sampleIntervals"] = samples;
        }

        if (config.UplinkInterval != DeviceConfig.DefaultUplinkInterval) json["uplinkInterval"] = config.UplinkInterval;
        if (config.StateInterval != DeviceConfig.DefaultStateInterval) json["stateInterval"] = config.StateInterval;
        if (config.Mode != DeviceMode.Normal) json["mode"] = config.Mode.ToString().ToLowerInvariant();
        if (config.MaxBatchBytes != DeviceConfig.DefaultMaxBatchBytes) json["maxBatchBytes"] = config.MaxBatchBytes;
        if (config.ThresholdCount > 0)
        {
            var thresholds = new JsonObject();
            for (int i = 0; i < config.ThresholdCount; i++)
            {
                thresholds[SensorKind.Name(config.ThresholdSensorAt(i))] = new JsonArray(config.ThresholdLowAt(i), config.ThresholdHighAt(i));
            }

            json["thresholds"] = thresholds;
        }

        return json;
    }

    private static FirmwareManifest ManifestFromJson(JsonNode value) => new(
        (string)value["version"]!,
        value["targets"]!.AsArray().Select(t => (string)t!).ToArray(),
        value["files"]!.AsArray().Select(f => new FirmwareFile((string)f!["name"]!, (long)f["size"]!, Convert.FromHexString((string)f["sha256"]!))).ToArray(),
        (bool?)value["allowDowngrade"] ?? false);

    private static JsonNode ManifestToJson(FirmwareManifest manifest)
    {
        var json = new JsonObject
        {
            ["version"] = manifest.Version,
            ["targets"] = new JsonArray(manifest.Targets.Select(t => (JsonNode)t).ToArray()),
            ["files"] = new JsonArray(manifest.Files.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.Name,
                ["size"] = f.Size,
                ["sha256"] = Convert.ToHexStringLower(f.Sha256),
            }).ToArray()),
        };
        if (manifest.AllowDowngrade) json["allowDowngrade"] = true;
        return json;
    }

    private static FirmwareOffer OfferFromJson(JsonNode value) => new(
        (long)value["rolloutId"]!,
        Encode("manifest", value["manifest"]!),
        Convert.FromHexString((string)value["signature"]!),
        (string)value["baseUrl"]!,
        (string)value["token"]!);

    private static JsonNode OfferToJson(FirmwareOffer offer)
    {
        var reader = new CborReader(offer.Manifest, 0, offer.Manifest.Length);
        return new JsonObject
        {
            ["rolloutId"] = offer.RolloutId,
            ["manifest"] = ManifestToJson(FirmwareManifestCodec.Decode(reader)),
            ["signature"] = Convert.ToHexStringLower(offer.Signature),
            ["baseUrl"] = offer.BaseUrl,
            ["token"] = offer.Token,
        };
    }
}
