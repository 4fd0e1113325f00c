using NordicIoT.Device.Platform;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Host.Sensors;

/// <summary>Simulated sensors with plausible values and the units of the wire format.</summary>
public static class SimulatedSensors
{
    /// <summary>Temperature in 0.01 °C, a random walk of 0.01 °C steps from 21.00 °C.</summary>
    public static RandomWalkSensor Temperature(int seed) => new(SensorKind.Temperature, 2100, -4000, 8500, 1, seed);

    /// <summary>Relative humidity in 0.01 %RH, from 45.00 %RH.</summary>
    public static RandomWalkSensor Humidity(int seed) => new(SensorKind.Humidity, 4500, 0, 10000, 5, seed);

    /// <summary>Air pressure in Pa, from 1013.25 hPa.</summary>
    public static RandomWalkSensor Pressure(int seed) => new(SensorKind.Pressure, 101325, 87000, 108500, 3, seed);

    /// <summary>Received signal strength in dBm, from -85 dBm.</summary>
    public static RandomWalkSensor Signal(int seed) => new(SensorKind.Signal, -85, -120, -40, 1, seed);

    /// <summary>The four sensors the default configuration samples: temperature, humidity, pressure, battery.</summary>
    public static ISensor[] DefaultSet(int seed) =>
    [
        Temperature(seed),
        Humidity(seed + 1),
        Pressure(seed + 2),
        new DischargingBattery(),
    ];
}
