using NordicIoT.Device.Host.Simulation;

namespace NordicIoT.Cli.Tests.Simulation;

public sealed class ScheduledFaultTests
{
    [Fact]
    public void Outages_and_reboots_parse_to_their_kind_start_and_length()
    {
        Assert.Equal(new ScheduledFault(FaultKind.NetworkOutage, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)), ScheduledFault.Parse("network:30:10"));
        Assert.Equal(new ScheduledFault(FaultKind.BrokerOutage, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2.5)), ScheduledFault.Parse("broker:0.5:2.5"));
        Assert.Equal(new ScheduledFault(FaultKind.Reboot, TimeSpan.FromSeconds(12), TimeSpan.Zero), ScheduledFault.Parse("reboot:12"));
    }

    [Theory]
    [InlineData("network")]
    [InlineData("network:1")]
    [InlineData("network:1:0")]
    [InlineData("network:-1:2")]
    [InlineData("broker:x:2")]
    [InlineData("reboot:1:2")]
    [InlineData("power:1:2")]
    [InlineData("network:1:1e999")]
    public void Anything_else_is_a_format_error_naming_the_syntax(string text)
    {
        var error = Assert.Throws<FormatException>(() => ScheduledFault.Parse(text));
        Assert.Contains(text, error.Message);
    }
}
