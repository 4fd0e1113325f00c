using Microsoft.Extensions.Options;
using NordicIoT.Cloud.Readings;

namespace NordicIoT.Cloud.Ingestion;

/// <summary>Checks section "Ingestion" at start-up; every message names the full setting path.</summary>
public sealed class IngestOptionsValidator(TimeProvider time) : IValidateOptions<IngestOptions>
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var failures = new List<string>();
        if (options.MaxPayloadBytes is < 1 or > IngestOptions.AwsIotMaxPayloadBytes)
        {
            failures.Add($"Ingestion:MaxPayloadBytes must be 1..{IngestOptions.AwsIotMaxPayloadBytes} (AWS IoT Core's limit, so both paths accept the same messages), not {options.MaxPayloadBytes}.");
        }

        if (options.MaxClockAhead < TimeSpan.Zero || options.MaxClockAhead > TimeSpan.FromDays(1))
        {
            failures.Add($"Ingestion:MaxClockAhead must be between 00:00:00 and 1.00:00:00, not {options.MaxClockAhead}.");
        }

        if (options.EarliestTime >= time.GetUtcNow())
        {
            failures.Add($"Ingestion:EarliestTime {options.EarliestTime:O} lies in the future; every reading would be refused.");
        }

        if (options.MaxBatchSpan <= TimeSpan.Zero || options.MaxBatchSpan > ReadingLimits.MaxBatchSpan)
        {
            failures.Add($"Ingestion:MaxBatchSpan must be more than zero and at most {ReadingLimits.MaxBatchSpan} (the span the storage engines look back over), not {options.MaxBatchSpan}.");
        }

        if (options.TwinUpdateAttempts is < 1 or > 100)
        {
            failures.Add($"Ingestion:TwinUpdateAttempts must be 1..100, not {options.TwinUpdateAttempts}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
