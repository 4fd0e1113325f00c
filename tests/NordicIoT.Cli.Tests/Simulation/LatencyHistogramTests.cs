using NordicIoT.Device.Host.Simulation;

namespace NordicIoT.Cli.Tests.Simulation;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_are_within_the_bucket_width_of_the_exact_value()
    {
        var histogram = new LatencyHistogram();
        for (int ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        var distribution = histogram.Snapshot();

        Assert.Equal(1000, distribution.Count);
        Assert.InRange(distribution.Percentile(50).TotalMilliseconds, 500, 500 * 1.04);
        Assert.InRange(distribution.Percentile(99).TotalMilliseconds, 990, 990 * 1.04);
        Assert.InRange(distribution.Percentile(100).TotalMilliseconds, 1000, 1000 * 1.04);
    }

    [Fact]
    public void Since_keeps_only_the_samples_recorded_after_the_earlier_snapshot()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromSeconds(5));
        var before = histogram.Snapshot();
        histogram.Record(TimeSpan.FromMilliseconds(2));

        var window = histogram.Snapshot().Since(before);

        Assert.Equal(1, window.Count);
        Assert.InRange(window.Percentile(99).TotalMilliseconds, 2, 2.1);
    }

    [Fact]
    public void Any_single_value_is_reported_no_lower_and_at_most_a_bucket_width_higher()
    {
        for (long micros = 1; micros < 50_000_000_000; micros = (micros * 3 / 2) + 1)
        {
            var histogram = new LatencyHistogram();
            histogram.Record(TimeSpan.FromMicroseconds(micros));

            double reported = histogram.Snapshot().Percentile(100).TotalMicroseconds;

            Assert.InRange(reported, micros, (micros * 1.04) + 1);
        }
    }

    [Fact]
    public void An_empty_distribution_has_zero_percentiles()
    {
        Assert.Equal(TimeSpan.Zero, new LatencyHistogram().Snapshot().Percentile(99));
    }
}
