using System.Globalization;
using System.Text;
using NordicIoT.Cloud.Readings;

namespace NordicIoT.Cloud.Api.Readings;

/// <summary>Writes readings as CSV (RFC 4180): a header "time,name (unit),...", then one line per reading with UTC ISO 8601 time and physical values.</summary>
public static class CsvExport
{
    /// <summary>The media type.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>Writes the header and every reading to <paramref name="output"/>.</summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<SensorDimension> dimensions, IAsyncEnumerable<Reading> readings, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true);
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync("time," + string.Join(',', dimensions.Select(d => d.Label))).ConfigureAwait(false);
        var line = new StringBuilder();
        await foreach (var reading in readings.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            line.Clear();
            line.Append(reading.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            for (var d = 0; d < dimensions.Count; d++)
            {
                line.Append(',').Append(dimensions[d].Physical(reading.Values[d]).ToString(CultureInfo.InvariantCulture));
            }

            await writer.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
        }
    }
}
