using NordicIoT.Device.Host.Simulation;
using NordicIoT.Testing;

namespace NordicIoT.Cli.Tests.Sim;

/// <summary>nordiciot sim against a real Mosquitto with mutual TLS, with devices provisioned by nordiciot provision into the broker's own PKI.</summary>
public sealed class SimCommandTests : IDisposable
{
    private readonly TestBroker _broker = TestBroker.Start();

    // TestBroker keeps its certificate store in <folder>/pki: the layout provision uses for --dir <folder>.
    private string ProjectDir => Path.GetDirectoryName(_broker.Certificates.RootDirectory)!;

    private string Pki => _broker.Certificates.RootDirectory;

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task Three_devices_publish_for_a_few_seconds_and_every_publish_is_acknowledged()
    {
        await ProvisionAsync(3);

        var result = await CliRun.RunAsync(
            "sim", "--devices", "3", "--broker-host", "127.0.0.1", "--broker-port", Port, "--certs", Pki,
            "--duration", "4", "--sample-interval", "1", "--mode", "live");

        Assert.True(result.ExitCode == 0, result + "\n" + _broker.LogTail());
        Assert.Equal(3, result.Number("devices"));
        Assert.True(result.Number("connects") >= 3, result.ToString());
        Assert.True(result.Number("published") >= 3 * 3, result.ToString()); // a state report and a batch a second each
        Assert.Equal(result.Number("published"), result.Number("acknowledged"));
        Assert.Equal(0, result.Number("lost"));
        Assert.Equal(0, result.Number("dropped"));
    }

    [Fact]
    public async Task Redirected_output_is_plain_text_without_escape_sequences()
    {
        await ProvisionAsync(1);

        var result = await CliRun.RunAsync(
            "sim", "--devices", "1", "--broker-host", "127.0.0.1", "--broker-port", Port, "--certs", Pki, "--duration", "1.5");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain('\u001b', result.Output + result.Error);
        Assert.DoesNotContain('\r', result.Output + result.Error);
    }

    [Fact]
    public async Task A_network_outage_and_a_reboot_are_survived_and_the_flash_state_is_kept()
    {
        await ProvisionAsync(2);
        string state = Path.Combine(ProjectDir, "sim-state");

        var result = await CliRun.RunAsync(
            "sim", "--devices", "2", "--broker-host", "127.0.0.1", "--broker-port", Port, "--certs", Pki,
            "--duration", "7", "--sample-interval", "1", "--mode", "live", "--state-dir", state,
            "--outage", "network:1:2", "--outage", "reboot:5");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, result.Number("reboots"));
        Assert.True(result.Number("connect failures") >= 2, result.ToString()); // at least one refused try per device while the link was down
        Assert.True(result.Number("connects") >= 4, result.ToString()); // boot and again after the reboot
        Assert.True(result.Number("acknowledged") > 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(state, "sim-1", "config.cbor")), "the device's flash folder was not kept");
    }

    [Fact]
    public async Task Devices_without_certificates_are_invalid_input_that_names_the_provision_command()
    {
        var result = await CliRun.RunAsync(
            "sim", "--devices", "2", "--broker-host", "127.0.0.1", "--broker-port", Port, "--certs", Pki, "--duration", "1");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("nordiciot provision --count 2", result.Error);
    }

    [Fact]
    public async Task A_broker_nobody_can_reach_ends_with_the_no_connection_exit_code()
    {
        await ProvisionAsync(1);

        var result = await CliRun.RunAsync(
            "sim", "--devices", "1", "--broker-host", "127.0.0.1", "--broker-port", DeadPort.Next().ToString(), "--certs", Pki, "--duration", "1.5");

        Assert.Equal(ExitCodes.NoConnection, result.ExitCode);
        Assert.Equal(0, result.Number("connects"));
        Assert.True(result.Number("connect failures") >= 1, result.ToString());
    }

    [Theory]
    [InlineData("1", "--outage", "flood:1:2")]
    [InlineData("1", "--outage", "network:1")]
    [InlineData("1", "--uplink-interval", "5")]
    [InlineData("1", "--duration", "-3")]
    [InlineData("0", "--mode", "normal")]
    public async Task Bad_simulation_options_are_invalid_input(string devices, string option, string value)
    {
        var result = await CliRun.RunAsync("sim", "--devices", devices, "--broker-port", Port, "--certs", Pki, option, value);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
    }

    private string Port => _broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task ProvisionAsync(int count)
    {
        var result = await CliRun.RunAsync("provision", "--dir", ProjectDir, "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(result.ExitCode == 0, result.ToString());

        // The broker's own CA was kept: a new one would make every device fail its handshake.
        Assert.Contains(result.OutputLines, l => l.StartsWith("ca", StringComparison.Ordinal) && l.Contains("kept"));
    }
}
