using System.Globalization;

namespace NordicIoT.EndToEnd.Support;

/// <summary>One line of a readings CSV export: the UTC time and the values in physical units, exactly as written.</summary>
public sealed record CsvReading(DateTimeOffset Time, IReadOnlyList<decimal> Values)
{
    /// <summary>Parses an export ("time,name (unit)..." then one reading per line); the header must start with "time".</summary>
    public static IReadOnlyList<CsvReading> Parse(string csv)
    {
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 0 && lines[0].StartsWith("time,", StringComparison.Ordinal), $"not a readings export: {csv}");
        return [.. lines.Skip(1).Select(ParseLine)];
    }

    /// <summary>A value as the fixed-point integer the device sent, given the sensor's decimal places (2 for 0.01 °C).</summary>
    public int Wire(int dimension, int decimals) => (int)(Values[dimension] * (decimal)Math.Pow(10, decimals));

    private static CsvReading ParseLine(string line)
    {
        var cells = line.Split(',');
        var time = DateTimeOffset.ParseExact(cells[0], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return new CsvReading(time, [.. cells.Skip(1).Select(c => decimal.Parse(c, NumberStyles.Number, CultureInfo.InvariantCulture))]);
    }
}
