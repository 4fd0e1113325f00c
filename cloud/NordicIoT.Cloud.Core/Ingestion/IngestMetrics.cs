using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace NordicIoT.Cloud.Ingestion;

/// <summary>Counts what ingestion did, both as System.Diagnostics.Metrics instruments (for OpenTelemetry and dotnet-counters) and as totals the health endpoint shows.</summary>
/// <remarks>Totals are this process's since start; on AWS each Lambda instance has its own, so fleet-wide numbers come from the metrics backend.</remarks>
public sealed class IngestMetrics : IDisposable
{
    /// <summary>The meter name to subscribe to.</summary>
    public const string MeterName = "NordicIoT.Ingestion";

    private readonly Meter _meter;
    private readonly Counter<long> _batches;
    private readonly Counter<long> _readings;
    private readonly Counter<long> _states;
    private readonly Counter<long> _deadLetters;
    private readonly ConcurrentDictionary<string, long> _deadLettersByReason = new(StringComparer.Ordinal);
    private long _batchTotal;
    private long _readingTotal;
    private long _stateTotal;

    /// <summary>Creates the instruments on a meter of their own.</summary>
    public IngestMetrics()
    {
        _meter = new Meter(MeterName);
        _batches = _meter.CreateCounter<long>("nordiciot.ingest.batches", "{batch}", "Batches stored (a redelivered batch counts again).");
        _readings = _meter.CreateCounter<long>("nordiciot.ingest.readings", "{reading}", "Readings in stored batches.");
        _states = _meter.CreateCounter<long>("nordiciot.ingest.states", "{report}", "State reports merged into twins.");
        _deadLetters = _meter.CreateCounter<long>("nordiciot.ingest.dead_letters", "{message}", "Messages refused, tagged with the reason.");
        foreach (var reason in DeadLetterReasons.All)
        {
            _deadLettersByReason[reason] = 0;
        }
    }

    /// <summary>Counts a stored batch of <paramref name="readings"/> readings.</summary>
    public void BatchStored(int readings)
    {
        Interlocked.Increment(ref _batchTotal);
        Interlocked.Add(ref _readingTotal, readings);
        _batches.Add(1);
        _readings.Add(readings);
    }

    /// <summary>Counts a merged state report.</summary>
    public void StateApplied()
    {
        Interlocked.Increment(ref _stateTotal);
        _states.Add(1);
    }

    /// <summary>Counts a refused message.</summary>
    public void DeadLettered(string reason)
    {
        _deadLettersByReason.AddOrUpdate(reason, 1, (_, count) => count + 1);
        _deadLetters.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    /// <summary>The totals since this process started.</summary>
    public IngestTotals Snapshot() => new(
        Interlocked.Read(ref _batchTotal),
        Interlocked.Read(ref _readingTotal),
        Interlocked.Read(ref _stateTotal),
        new SortedDictionary<string, long>(_deadLettersByReason, StringComparer.Ordinal));

    /// <summary>Releases the meter.</summary>
    public void Dispose() => _meter.Dispose();
}

/// <summary>Ingestion totals since the process started.</summary>
public sealed record IngestTotals(long Batches, long Readings, long States, IReadOnlyDictionary<string, long> DeadLetters);
