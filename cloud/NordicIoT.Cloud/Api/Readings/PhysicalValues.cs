using NordicIoT.Cloud.Api.Contracts;

namespace NordicIoT.Cloud.Api.Readings;

/// <summary>Converts one reading's fixed-point values to named physical values.</summary>
public static class PhysicalValues
{
    /// <summary>The values of a reading of <paramref name="sensor"/>, one per dimension.</summary>
    public static PhysicalValue[] Of(int sensor, IReadOnlyList<int> wire)
    {
        var dimensions = SensorCatalog.Dimensions(sensor);
        var values = new PhysicalValue[Math.Min(dimensions.Count, wire.Count)];
        for (var d = 0; d < values.Length; d++)
        {
            values[d] = new PhysicalValue(dimensions[d].Name, dimensions[d].Physical(wire[d]), dimensions[d].Unit);
        }

        return values;
    }
}
