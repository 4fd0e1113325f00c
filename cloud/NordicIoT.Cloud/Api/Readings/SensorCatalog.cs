using System.Globalization;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Api.Readings;

/// <summary>What each sensor id's values mean in physical units (see nordiciot.cddl), and sensor names as the API accepts them.</summary>
public static class SensorCatalog
{
    private static readonly SensorDimension[] Temperature = [new("temperature", "Cel", 2)];
    private static readonly SensorDimension[] Humidity = [new("humidity", "%RH", 2)];
    private static readonly SensorDimension[] Pressure = [new("pressure", "Pa", 0)];
    private static readonly SensorDimension[] Battery = [new("battery", "V", 3)];
    private static readonly SensorDimension[] Signal = [new("signal", "dBm", 0)];

    private static readonly SensorDimension[] Gps =
    [
        new("latitude", "lat", 6),
        new("longitude", "lon", 6),
        new("accuracy", "m", 1),
        new("altitude", "m", 1),
        new("speed", "m/s", 2),
        new("heading", "deg", 1),
    ];

    /// <summary>The value dimensions of a valid sensor id, in wire order.</summary>
    public static IReadOnlyList<SensorDimension> Dimensions(int sensor) => sensor switch
    {
        SensorKind.Temperature => Temperature,
        SensorKind.Humidity => Humidity,
        SensorKind.Pressure => Pressure,
        SensorKind.Battery => Battery,
        SensorKind.Signal => Signal,
        SensorKind.Gps => Gps,
        _ => [new SensorDimension(SensorKind.Name(sensor), null, 0)],
    };

    /// <summary>Parses a sensor given by name ("temperature", "sensor-40") or id ("1", "40"); false for anything the wire format does not define.</summary>
    public static bool TryParse(string? text, out int sensor)
    {
        sensor = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var number = text.StartsWith("sensor-", StringComparison.Ordinal) ? text["sensor-".Length..] : text;
        if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            sensor = id;
            return SensorKind.IsValid(id) && (number == text || id >= SensorKind.FirstApplicationSensor);
        }

        for (var known = SensorKind.Temperature; known <= SensorKind.Gps; known++)
        {
            if (SensorKind.Name(known) == text)
            {
                sensor = known;
                return true;
            }
        }

        return false;
    }
}
