using NordicIoT.Device.Platform;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Host.Sensors;

/// <summary>A GPS that drives round a circle at constant speed, one step per read, reporting the six fixed-point GPS values.</summary>
public sealed class GpsTrack : ISensor
{
    private const double MetresPerDegreeLatitude = 111_320;

    // A steady fix: 5.0 m accuracy, 221.6 m above sea level (0.1 m units).
    private const int AccuracyDecimetres = 50;
    private const int AltitudeDecimetres = 2216;
    private readonly double _centreLatitude;
    private readonly double _centreLongitude;
    private readonly double _radiusMetres;
    private readonly double _stepRadians;
    private double _angle;

    /// <summary>Circles (<paramref name="latitude"/>, <paramref name="longitude"/>) at <paramref name="radiusMetres"/>, moving <paramref name="metresPerRead"/> per read.</summary>
    public GpsTrack(double latitude = 63.430588, double longitude = 10.414394, double radiusMetres = 500, double metresPerRead = 10, double speedMetresPerSecond = 1.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(radiusMetres);
        _centreLatitude = latitude;
        _centreLongitude = longitude;
        _radiusMetres = radiusMetres;
        _stepRadians = metresPerRead / radiusMetres;
        SpeedMetresPerSecond = speedMetresPerSecond;
    }

    /// <inheritdoc/>
    public int SensorId => SensorKind.Gps;

    /// <summary>Speed reported, m/s.</summary>
    public double SpeedMetresPerSecond { get; }

    /// <inheritdoc/>
    public bool TryRead(int[] values, int offset)
    {
        _angle = (_angle + _stepRadians) % (2 * Math.PI);
        double north = _radiusMetres * Math.Cos(_angle);
        double east = _radiusMetres * Math.Sin(_angle);
        double latitude = _centreLatitude + (north / MetresPerDegreeLatitude);
        double longitude = _centreLongitude + (east / (MetresPerDegreeLatitude * Math.Cos(_centreLatitude * Math.PI / 180)));

        // Moving anticlockwise seen from above: the heading is the tangent, 90 degrees past the bearing from the centre.
        double heading = ((_angle * 180 / Math.PI) + 90) % 360;
        values[offset] = (int)Math.Round(latitude * 1e6);
        values[offset + 1] = (int)Math.Round(longitude * 1e6);
        values[offset + 2] = AccuracyDecimetres;
        values[offset + 3] = AltitudeDecimetres;
        values[offset + 4] = (int)Math.Round(SpeedMetresPerSecond * 100);
        values[offset + 5] = (int)Math.Round(heading * 10) % 3600;
        return true;
    }
}
