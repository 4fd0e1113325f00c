using NordicIoT.Device.Host.Platform;
using NordicIoT.Device.Platform;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Runtime;

/// <summary>A one-value sensor that returns the values the test gives, repeating the last, and logs when it was read.</summary>
internal sealed class ScriptedSensor(int sensorId, SimulatedClock clock, params int[] values) : ISensor
{
    private int _next;

    public int SensorId => sensorId;

    /// <summary>Uptime (ms) of every read.</summary>
    public List<long> ReadAt { get; } = [];

    public bool TryRead(int[] into, int offset)
    {
        ReadAt.Add(clock.UptimeMilliseconds);
        into[offset] = values[Math.Min(_next, values.Length - 1)];
        _next++;
        return true;
    }

    /// <summary>Read times in whole seconds of uptime.</summary>
    public List<long> ReadSeconds() => ReadAt.Select(ms => ms / 1000).ToList();

    public static ScriptedSensor Constant(int sensorId, SimulatedClock clock) => new(sensorId, clock, sensorId * 100);

    /// <summary>Temperature, humidity, pressure and battery sensors that log their reads.</summary>
    public static ScriptedSensor[] DefaultKinds(SimulatedClock clock) =>
    [
        Constant(SensorKind.Temperature, clock),
        Constant(SensorKind.Humidity, clock),
        Constant(SensorKind.Pressure, clock),
        Constant(SensorKind.Battery, clock),
    ];
}
