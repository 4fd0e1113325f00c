using NordicIoT.Cloud.Readings;

namespace NordicIoT.Cloud.Ingestion;

/// <summary>Limits the ingestion pipeline enforces before anything is stored.</summary>
public sealed class IngestOptions
{
    /// <summary>AWS IoT Core's largest PUBLISH payload; the local bridge keeps the same limit so both paths accept the same messages.</summary>
    public const int AwsIotMaxPayloadBytes = 128 * 1024;

    /// <summary>Largest payload accepted, bytes; larger ones become "oversize" dead letters.</summary>
    public int MaxPayloadBytes { get; set; } = AwsIotMaxPayloadBytes;

    /// <summary>How far a device time may lie ahead of the receive time (device clocks drift).</summary>
    public TimeSpan MaxClockAhead { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Device times before this are refused: a device without a set clock reports 1970 or its build date.</summary>
    public DateTimeOffset EarliestTime { get; set; } = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Longest time between the first and the last reading of one batch; at most <see cref="ReadingLimits.MaxBatchSpan"/>, which the stores rely on.</summary>
    public TimeSpan MaxBatchSpan { get; set; } = ReadingLimits.MaxBatchSpan;

    /// <summary>How often a twin update is retried when another writer changed the twin in between.</summary>
    public int TwinUpdateAttempts { get; set; } = 10;
}
