namespace NordicIoT.Device.Host.Simulation;

/// <summary>Durations counted by a <see cref="LatencyHistogram"/> at one moment: count and percentiles.</summary>
public sealed class LatencyDistribution
{
    private readonly long[] _counts;

    internal LatencyDistribution(long[] counts)
    {
        _counts = counts;
        foreach (var count in counts)
        {
            Count += count;
        }
    }

    /// <summary>Durations counted.</summary>
    public long Count { get; }

    /// <summary>The duration that <paramref name="percent"/> % of the samples do not exceed (bucket upper bound); zero when empty.</summary>
    public TimeSpan Percentile(double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (Count == 0)
        {
            return TimeSpan.Zero;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(Count * percent / 100));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return TimeSpan.FromMicroseconds(LatencyHistogram.UpperBoundOf(i));
            }
        }

        return TimeSpan.FromMicroseconds(LatencyHistogram.UpperBoundOf(_counts.Length - 1));
    }

    /// <summary>The samples counted here but not in <paramref name="earlier"/> (a snapshot of the same histogram taken before).</summary>
    public LatencyDistribution Since(LatencyDistribution earlier)
    {
        var counts = new long[_counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = _counts[i] - earlier._counts[i];
        }

        return new LatencyDistribution(counts);
    }
}
