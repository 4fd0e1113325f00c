using NordicIoT.Cloud.Api.Contracts;
using NordicIoT.Cloud.Readings;

namespace NordicIoT.Cloud.Api.Readings;

/// <summary>Splits [from, to) into equal buckets and keeps, per bucket and value dimension, the count, minimum, maximum and sum of the fixed-point values.</summary>
/// <remarks>Bucket i covers [from + span·i/N, from + span·(i+1)/N); sums are exact 64-bit integers, converted to physical units only at the end.</remarks>
public sealed class Downsampler
{
    private readonly DateTimeOffset _from;
    private readonly long _spanTicks;
    private readonly int _points;
    private readonly IReadOnlyList<SensorDimension> _dimensions;
    private readonly int[] _counts;
    private readonly int[] _min;
    private readonly int[] _max;
    private readonly long[] _sum;

    /// <summary>Prepares <paramref name="points"/> empty buckets over [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public Downsampler(DateTimeOffset from, DateTimeOffset to, int points, IReadOnlyList<SensorDimension> dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(to, from);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        _from = from;
        _spanTicks = (to - from).Ticks;
        _points = points;
        _dimensions = dimensions;
        _counts = new int[points];
        _min = new int[points * dimensions.Count];
        _max = new int[points * dimensions.Count];
        _sum = new long[points * dimensions.Count];
    }

    /// <summary>Readings added.</summary>
    public long Count { get; private set; }

    /// <summary>Length of one bucket.</summary>
    public TimeSpan BucketLength => TimeSpan.FromTicks(_spanTicks / _points);

    /// <summary>Adds a reading inside the window (others are ignored).</summary>
    public void Add(Reading reading)
    {
        var offset = (reading.Time - _from).Ticks;
        if (offset < 0 || offset >= _spanTicks)
        {
            return;
        }

        var bucket = (int)((Int128)offset * _points / _spanTicks);
        var first = _counts[bucket]++ == 0;
        for (var d = 0; d < _dimensions.Count; d++)
        {
            var at = bucket * _dimensions.Count + d;
            var value = reading.Values[d];
            _min[at] = first || value < _min[at] ? value : _min[at];
            _max[at] = first || value > _max[at] ? value : _max[at];
            _sum[at] += value;
        }

        Count++;
    }

    /// <summary>The buckets holding readings, oldest first, with statistics in physical units (means to two more decimals than the wire).</summary>
    public IReadOnlyList<ReadingBucket> Buckets()
    {
        var buckets = new List<ReadingBucket>();
        for (var i = 0; i < _points; i++)
        {
            var count = _counts[i];
            if (count == 0)
            {
                continue;
            }

            var values = new BucketStatistics[_dimensions.Count];
            for (var d = 0; d < values.Length; d++)
            {
                var at = i * _dimensions.Count + d;
                var dimension = _dimensions[d];
                var mean = Math.Round((decimal)_sum[at] / count, 2, MidpointRounding.AwayFromZero);
                values[d] = new BucketStatistics(dimension.Physical(_min[at]), dimension.Physical(mean), dimension.Physical(_max[at]));
            }

            buckets.Add(new ReadingBucket(Start(i), Start(i + 1), count, values));
        }

        return buckets;
    }

    private DateTimeOffset Start(int bucket) => _from.AddTicks((long)((Int128)_spanTicks * bucket / _points));
}
