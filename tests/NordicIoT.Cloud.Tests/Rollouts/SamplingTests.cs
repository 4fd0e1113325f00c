using NordicIoT.Cloud.Rollouts;

namespace NordicIoT.Cloud.Tests.Rollouts;

/// <summary>Stable percentage sampling: a growing percentage only adds devices, and takes about that share of them.</summary>
public sealed class SamplingTests
{
    private static readonly string[] Fleet = [.. Enumerable.Range(1, 2000).Select(i => $"dev-{i}")];

    [Fact]
    public void A_device_in_a_stage_stays_in_every_larger_one()
    {
        var previous = new HashSet<string>();
        foreach (var percent in new[] { 1, 5, 25, 50, 99, 100 })
        {
            var chosen = Fleet.Where(id => RolloutSampling.Includes("release-a", id, percent)).ToHashSet();

            Assert.Superset(previous, chosen);
            previous = chosen;
        }

        Assert.Equal(Fleet.Length, previous.Count);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(25)]
    [InlineData(50)]
    public void A_stage_takes_about_its_share(int percent)
    {
        var chosen = Fleet.Count(id => RolloutSampling.Includes("release-a", id, percent));

        // Binomial with n = 2000: more than 5 standard deviations off would mean a biased hash.
        var expected = Fleet.Length * percent / 100.0;
        var deviation = Math.Sqrt(Fleet.Length * (percent / 100.0) * (1 - (percent / 100.0)));
        Assert.InRange(chosen, expected - (5 * deviation), expected + (5 * deviation));
    }

    [Fact]
    public void Another_release_samples_other_devices_first()
    {
        var a = Fleet.Where(id => RolloutSampling.Includes("release-a", id, 10)).ToHashSet();
        var b = Fleet.Where(id => RolloutSampling.Includes("release-b", id, 10)).ToHashSet();

        Assert.NotEqual(a, b);
        Assert.Equal(RolloutSampling.Place("release-a", "dev-7"), RolloutSampling.Place("release-a", "dev-7"));
    }
}
