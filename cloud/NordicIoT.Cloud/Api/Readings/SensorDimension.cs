namespace NordicIoT.Cloud.Api.Readings;

/// <summary>One value of a sensor's readings: its name, SenML unit symbol, and how many decimal places the wire's fixed-point integer has.</summary>
/// <param name="Unit">SenML unit (RFC 8428 / RFC 8798 registry), null for application sensors whose unit the cloud does not know.</param>
/// <param name="Decimals">The wire value is the physical value times 10^Decimals (2 for 0.01 °C, 3 for mV → V).</param>
public sealed record SensorDimension(string Name, string? Unit, int Decimals)
{
    private static readonly decimal[] PowersOfTen = [1m, 10m, 100m, 1000m, 10_000m, 100_000m, 1_000_000m];

    /// <summary>The physical value of a wire value, exactly (decimal, no binary rounding).</summary>
    public decimal Physical(decimal wire) => wire / PowersOfTen[Decimals];

    /// <summary>The wire value of a physical value; false when it is not a whole number of wire steps or does not fit 32 bits.</summary>
    public bool TryWire(decimal physical, out int wire)
    {
        var scaled = physical * PowersOfTen[Decimals];
        var fits = scaled == decimal.Truncate(scaled) && scaled >= int.MinValue && scaled <= int.MaxValue;
        wire = fits ? (int)scaled : 0;
        return fits;
    }

    /// <summary>"name (unit)", or the name alone when the unit is unknown.</summary>
    public string Label => Unit is null ? Name : $"{Name} ({Unit})";
}
