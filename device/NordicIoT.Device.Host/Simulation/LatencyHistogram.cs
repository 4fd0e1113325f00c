namespace NordicIoT.Device.Host.Simulation;

/// <summary>Counts durations in log-linear buckets (about 3 % wide) so percentiles of millions of samples cost a fixed 10 KB; thread-safe.</summary>
public sealed class LatencyHistogram
{
    // 32 buckets per power of two of microseconds, up to 2^40 us (12 days): enough for any acknowledgement.
    private const int SubBucketBits = 5;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int MaxExponent = 40;
    private const int BucketCount = (MaxExponent + 1) * SubBuckets;

    private readonly long[] _counts = new long[BucketCount];

    /// <summary>Adds one duration.</summary>
    public void Record(TimeSpan duration)
    {
        long micros = Math.Max(0, duration.Ticks / TimeSpan.TicksPerMicrosecond);
        Interlocked.Increment(ref _counts[IndexOf(micros)]);
    }

    /// <summary>The counts so far, as a distribution that no longer changes.</summary>
    public LatencyDistribution Snapshot()
    {
        var copy = new long[BucketCount];
        for (int i = 0; i < BucketCount; i++)
        {
            copy[i] = Interlocked.Read(ref _counts[i]);
        }

        return new LatencyDistribution(copy);
    }

    /// <summary>The bucket of <paramref name="micros"/>: values below 32 us have their own; above, 32 per power of two.</summary>
    internal static int IndexOf(long micros)
    {
        if (micros < SubBuckets)
        {
            return (int)micros;
        }

        int exponent = 63 - (int)long.LeadingZeroCount(micros);
        if (exponent > MaxExponent)
        {
            return BucketCount - 1;
        }

        int shift = exponent - SubBucketBits;
        int sub = (int)(micros >> shift) - SubBuckets;
        return ((shift + 1) * SubBuckets) + sub;
    }

    /// <summary>The largest value (us) that falls into bucket <paramref name="index"/>.</summary>
    internal static long UpperBoundOf(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }

        int shift = (index / SubBuckets) - 1;
        long lowest = (long)((index % SubBuckets) + SubBuckets) << shift;
        return lowest + (1L << shift) - 1;
    }

    internal static int Buckets => BucketCount;
}
