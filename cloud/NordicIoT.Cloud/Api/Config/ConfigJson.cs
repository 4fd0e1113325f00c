using System.Text.Json.Nodes;
using NordicIoT.Cloud.Api.Readings;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Api.Config;

/// <summary>The API's JSON form of a device configuration, converted to and from <see cref="DeviceConfig"/> with the ranges the device enforces (<see cref="DeviceConfigCodec"/>).</summary>
/// <remarks>
/// Every setting is optional and an absent one means the format's default, as on the wire: a PUT replaces the whole
/// configuration. Sensors are named ("temperature", "sensor-40"); thresholds are in physical units (°C, %RH, Pa, V, dBm).
/// </remarks>
public static class ConfigJson
{
    /// <summary>Seconds between samples per sensor; 0 disables a sensor.</summary>
    public const string SampleIntervals = "sampleIntervals";

    /// <summary>Seconds between uplinks.</summary>
    public const string UplinkInterval = "uplinkInterval";

    /// <summary>Seconds between full state reports.</summary>
    public const string StateInterval = "stateInterval";

    /// <summary>normal, power-save or live.</summary>
    public const string Mode = "mode";

    /// <summary>Per one-value sensor {"low", "high"}: a reading outside is sent at once.</summary>
    public const string Thresholds = "thresholds";

    /// <summary>Largest batch payload, bytes.</summary>
    public const string MaxBatchBytes = "maxBatchBytes";

    private static readonly string[] ModeNames = ["normal", "power-save", "live"];
    private static readonly string[] Settings = [SampleIntervals, UplinkInterval, StateInterval, Mode, Thresholds, MaxBatchBytes];

    /// <summary>The JSON form with every setting explicit, defaults included.</summary>
    public static JsonObject ToJson(DeviceConfig config)
    {
        var samples = new JsonObject();
        for (var sensor = SensorKind.Temperature; !config.HasSampleIntervals && sensor <= SensorKind.Gps; sensor++)
        {
            if (config.SampleInterval(sensor) > 0)
            {
                samples[SensorKind.Name(sensor)] = config.SampleInterval(sensor);
            }
        }

        for (var i = 0; i < config.SampleCount; i++)
        {
            var sensor = config.SampleSensorAt(i);
            samples[SensorKind.Name(sensor)] = config.SampleInterval(sensor);
        }

        var thresholds = new JsonObject();
        for (var i = 0; i < config.ThresholdCount; i++)
        {
            var dimension = SensorCatalog.Dimensions(config.ThresholdSensorAt(i))[0];
            thresholds[SensorKind.Name(config.ThresholdSensorAt(i))] = new JsonObject
            {
                ["low"] = dimension.Physical(config.ThresholdLowAt(i)),
                ["high"] = dimension.Physical(config.ThresholdHighAt(i)),
            };
        }

        return new JsonObject
        {
            [SampleIntervals] = samples,
            [UplinkInterval] = config.UplinkInterval,
            [StateInterval] = config.StateInterval,
            [Mode] = ModeNames[(int)config.Mode],
            [Thresholds] = thresholds,
            [MaxBatchBytes] = config.MaxBatchBytes,
        };
    }

    /// <summary>The uplink interval of a stored JSON configuration, or the default when there is none.</summary>
    public static int UplinkIntervalOf(JsonObject? config) =>
        config?[UplinkInterval] is JsonValue value && value.TryGetValue<int>(out var seconds) ? seconds : DeviceConfig.DefaultUplinkInterval;

    /// <summary>Reads the JSON form into a configuration; every problem is added to <paramref name="errors"/> under the setting's path, and null is returned if there was any.</summary>
    public static DeviceConfig? Parse(JsonObject json, Dictionary<string, List<string>> errors)
    {
        var config = new DeviceConfig();
        foreach (var (name, node) in json)
        {
            switch (name)
            {
                case SampleIntervals: ParseSampleIntervals(node, config, errors); break;
                case UplinkInterval: config.UplinkInterval = Integer(node, name, DeviceConfigCodec.MinUplinkInterval, DeviceConfigCodec.MaxUplinkInterval, "seconds", errors); break;
                case StateInterval: config.StateInterval = Integer(node, name, DeviceConfigCodec.MinStateInterval, DeviceConfigCodec.MaxStateInterval, "seconds", errors); break;
                case Mode: config.Mode = ParseMode(node, errors); break;
                case Thresholds: ParseThresholds(node, config, errors); break;
                case MaxBatchBytes: config.MaxBatchBytes = Integer(node, name, DeviceConfigCodec.MinBatchBytes, DeviceConfigCodec.MaxBatchBytes, "bytes", errors); break;
                default: Add(errors, name, $"is not a setting; the settings are {string.Join(", ", Settings)}"); break;
            }
        }

        return errors.Count == 0 ? config : null;
    }

    private static void ParseSampleIntervals(JsonNode? node, DeviceConfig config, Dictionary<string, List<string>> errors)
    {
        if (node is not JsonObject sensors || sensors.Count is < 1 or > DeviceConfig.MaxSensors)
        {
            Add(errors, SampleIntervals, $"must be an object of 1..{DeviceConfig.MaxSensors} sensors, e.g. {{\"temperature\": 60}}; 0 disables a sensor, a sensor left out is disabled");
            return;
        }

        foreach (var (name, value) in sensors)
        {
            var path = $"{SampleIntervals}.{name}";
            if (Sensor(name, path, errors) is { } sensor && !IsListedTwice(config.SampleCount, config.SampleSensorAt, sensor, path, errors))
            {
                config.SetSampleInterval(sensor, Integer(value, path, 0, DeviceConfigCodec.MaxSampleInterval, "seconds (0 disables the sensor)", errors));
            }
        }
    }

    // A sensor may be named or given by id, so two keys can mean the same sensor.
    private static bool IsListedTwice(int count, Func<int, int> sensorAt, int sensor, string path, Dictionary<string, List<string>> errors)
    {
        for (var i = 0; i < count; i++)
        {
            if (sensorAt(i) == sensor)
            {
                Add(errors, path, $"{SensorKind.Name(sensor)} is listed twice");
                return true;
            }
        }

        return false;
    }

    private static void ParseThresholds(JsonNode? node, DeviceConfig config, Dictionary<string, List<string>> errors)
    {
        if (node is not JsonObject sensors || sensors.Count > DeviceConfig.MaxSensors)
        {
            Add(errors, Thresholds, $"must be an object of at most {DeviceConfig.MaxSensors} sensors, e.g. {{\"temperature\": {{\"low\": -5, \"high\": 30.5}}}}");
            return;
        }

        foreach (var (name, value) in sensors)
        {
            var path = $"{Thresholds}.{name}";
            if (Sensor(name, path, errors) is not { } sensor || IsListedTwice(config.ThresholdCount, config.ThresholdSensorAt, sensor, path, errors))
            {
                continue;
            }

            if (SensorKind.Dimensions(sensor) != 1)
            {
                Add(errors, path, "thresholds apply to one-value sensors only");
                continue;
            }

            if (value is not JsonObject range || range.Count != 2 || !range.ContainsKey("low") || !range.ContainsKey("high"))
            {
                Add(errors, path, "must be {\"low\": number, \"high\": number} in the sensor's physical unit");
                continue;
            }

            var dimension = SensorCatalog.Dimensions(sensor)[0];
            var low = Physical(range["low"], $"{path}.low", dimension, errors);
            var high = Physical(range["high"], $"{path}.high", dimension, errors);
            if (low is { } l && high is { } h)
            {
                if (l > h)
                {
                    Add(errors, path, "low must not be above high");
                }
                else
                {
                    config.SetThreshold(sensor, l, h);
                }
            }
        }
    }

    private static DeviceMode ParseMode(JsonNode? node, Dictionary<string, List<string>> errors)
    {
        var index = node is JsonValue value && value.TryGetValue<string>(out var text) ? Array.IndexOf(ModeNames, text) : -1;
        if (index < 0)
        {
            Add(errors, Mode, $"must be one of {string.Join(", ", ModeNames)}");
            return DeviceMode.Normal;
        }

        return (DeviceMode)index;
    }

    private static int? Sensor(string name, string path, Dictionary<string, List<string>> errors)
    {
        if (SensorCatalog.TryParse(name, out var sensor))
        {
            return sensor;
        }

        Add(errors, path, "is not a sensor: use temperature, humidity, pressure, battery, signal, gps or sensor-32 .. sensor-255");
        return null;
    }

    private static int Integer(JsonNode? node, string path, int min, int max, string unit, Dictionary<string, List<string>> errors)
    {
        if (node is JsonValue value && value.TryGetValue<long>(out var number) && number >= min && number <= max)
        {
            return (int)number;
        }

        Add(errors, path, $"must be a whole number of {unit} from {min} to {max}");
        return min;
    }

    private static int? Physical(JsonNode? node, string path, SensorDimension dimension, Dictionary<string, List<string>> errors)
    {
        if (node is JsonValue value && value.TryGetValue<decimal>(out var number) && dimension.TryWire(number, out var wire))
        {
            return wire;
        }

        var step = dimension.Physical(1);
        Add(errors, path, $"must be a number in {dimension.Unit ?? "the sensor's unit"} with at most {dimension.Decimals} decimals (steps of {step}) that fits the wire's 32-bit range");
        return null;
    }

    private static void Add(Dictionary<string, List<string>> errors, string path, string message)
    {
        if (!errors.TryGetValue(path, out var list))
        {
            errors[path] = list = [];
        }

        list.Add(message);
    }
}
