using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Host.Sensors;

/// <summary>A one-value sensor whose value wanders by at most <see cref="MaxStep"/> per read, kept within a range, from a seeded generator.</summary>
public sealed class RandomWalkSensor : ISensor
{
    private readonly Random _random;

    /// <summary>Starts at <paramref name="start"/> and stays within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public RandomWalkSensor(int sensorId, int start, int min, int max, int maxStep, int seed)
    {
        if (min > start || start > max)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"start {start} must lie within {min}..{max}");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxStep);
        SensorId = sensorId;
        Value = start;
        Min = min;
        Max = max;
        MaxStep = maxStep;
        _random = new Random(seed);
    }

    /// <inheritdoc/>
    public int SensorId { get; }

    /// <summary>The value the last read returned (the start value before any read).</summary>
    public int Value { get; private set; }

    /// <summary>Lowest value.</summary>
    public int Min { get; }

    /// <summary>Highest value.</summary>
    public int Max { get; }

    /// <summary>Largest change per read, in the sensor's unit.</summary>
    public int MaxStep { get; }

    /// <summary>When set, reads fail (a sensor that stopped answering).</summary>
    public bool Failing { get; set; }

    /// <inheritdoc/>
    public bool TryRead(int[] values, int offset)
    {
        if (Failing)
        {
            return false;
        }

        Value = Math.Clamp(Value + _random.Next(-MaxStep, MaxStep + 1), Min, Max);
        values[offset] = Value;
        return true;
    }
}
