using System.Text.Json;
using NordicIoT.Cloud.Readings;

namespace NordicIoT.Cloud.Api.Readings;

/// <summary>Writes readings as SenML-JSON (RFC 8428): the first record carries the base name "nordiciot:{device}:" and base time (Unix seconds of the first reading); each record then has n, u, v and t relative to the base time.</summary>
public static class SenmlExport
{
    /// <summary>The media type (RFC 8428 §12.3).</summary>
    public const string ContentType = "application/senml+json";

    /// <summary>The base name for a device: names may hold A-Z a-z 0-9 - : . / _ and must start with a letter or digit, which a device id alone might not.</summary>
    public static string BaseName(string deviceId) => $"nordiciot:{deviceId}:";

    /// <summary>Writes the records of every reading to <paramref name="output"/> (one record per value dimension).</summary>
    public static async Task WriteAsync(
        Stream output, string deviceId, IReadOnlyList<SensorDimension> dimensions, IAsyncEnumerable<Reading> readings, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output);
        json.WriteStartArray();
        long? baseTime = null;
        await foreach (var reading in readings.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var time = reading.Time.ToUnixTimeSeconds();
            for (var d = 0; d < dimensions.Count; d++)
            {
                json.WriteStartObject();
                if (baseTime is null)
                {
                    baseTime = time;
                    json.WriteString("bn", BaseName(deviceId));
                    json.WriteNumber("bt", time);
                }

                json.WriteString("n", dimensions[d].Name);
                if (dimensions[d].Unit is { } unit)
                {
                    json.WriteString("u", unit);
                }

                json.WriteNumber("v", dimensions[d].Physical(reading.Values[d]));
                json.WriteNumber("t", time - baseTime.Value);
                json.WriteEndObject();
            }

            if (json.BytesPending > 16 * 1024)
            {
                await json.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
