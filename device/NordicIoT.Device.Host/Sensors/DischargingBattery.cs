using NordicIoT.Device.Platform;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Host.Sensors;

/// <summary>A battery in mV that loses a little charge with every read, down to an empty voltage.</summary>
public sealed class DischargingBattery : ISensor
{
    private double _millivolts;

    /// <summary>Starts at <paramref name="fullMillivolts"/> and drops <paramref name="dropPerRead"/> mV per read down to <paramref name="emptyMillivolts"/>.</summary>
    public DischargingBattery(int fullMillivolts = 4150, int emptyMillivolts = 3300, double dropPerRead = 0.05)
    {
        if (emptyMillivolts > fullMillivolts)
        {
            throw new ArgumentOutOfRangeException(nameof(emptyMillivolts), "an empty battery has a lower voltage than a full one");
        }

        _millivolts = fullMillivolts;
        EmptyMillivolts = emptyMillivolts;
        DropPerRead = dropPerRead;
    }

    /// <inheritdoc/>
    public int SensorId => SensorKind.Battery;

    /// <summary>Voltage of a flat battery, mV.</summary>
    public int EmptyMillivolts { get; }

    /// <summary>Charge lost per read, mV.</summary>
    public double DropPerRead { get; }

    /// <summary>Voltage now, mV.</summary>
    public int Millivolts => (int)Math.Round(_millivolts);

    /// <inheritdoc/>
    public bool TryRead(int[] values, int offset)
    {
        _millivolts = Math.Max(EmptyMillivolts, _millivolts - DropPerRead);
        values[offset] = Millivolts;
        return true;
    }
}
