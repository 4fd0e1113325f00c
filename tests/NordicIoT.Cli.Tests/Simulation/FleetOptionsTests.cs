using NordicIoT.Device.Host.Simulation;

namespace NordicIoT.Cli.Tests.Simulation;

public sealed class FleetOptionsTests
{
    [Fact]
    public void Device_ids_are_the_prefix_followed_by_one_to_n()
    {
        Assert.Equal(["sim-1", "sim-2", "sim-3"], Valid(3).DeviceIds());
    }

    [Theory]
    [InlineData(0, "sim-", 60)]
    [InlineData(1, "bad/", 60)]
    [InlineData(1, "sim-", 0)]
    public void Out_of_range_settings_are_refused_with_a_readable_message(int devices, string prefix, int sample)
    {
        var options = new FleetOptions
        {
            Devices = devices,
            Prefix = prefix,
            BrokerHost = "localhost",
            BrokerPort = 8883,
            CertificateFolder = "pki",
            StateFolder = "state",
            SampleIntervalSeconds = sample,
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.DoesNotContain("Parameter", error.Message);
    }

    private static FleetOptions Valid(int devices = 1) => new()
    {
        Devices = devices,
        BrokerHost = "localhost",
        BrokerPort = 8883,
        CertificateFolder = "pki",
        StateFolder = "state",
    };
}
