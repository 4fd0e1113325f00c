namespace NordicIoT.Cli.Tests.Flash;

public sealed class FlashDryRunTests : IDisposable
{
    private readonly FlashFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Dry_run_prints_firmware_image_files_and_wifi_steps_with_the_profile_target()
    {
        string password = Path.Combine(_fixture.Root, "pw");
        File.WriteAllText(password, "12345678");
        await _fixture.ProvisionAsync("dev-1", "--board", FlashFixture.Board, "--serial-port", FlashFixture.Port, "--wifi-ssid", "Lab", "--wifi-password-file", password);

        var result = await _fixture.FlashAsync("dev-1", "--image", _fixture.Image, "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        string target = $"--target {FlashFixture.Target} --serialport {FlashFixture.Port}";
        Assert.Equal(
        [
            $"nanoff --update {target}",
            $"nanoff {target} --deploy --image {_fixture.Image}",
            $"nanoff {target} --filedeployment {_fixture.Layout.FileDeploymentPath("dev-1")}",
            $"nanoff {target} --networkdeployment {_fixture.Layout.NetworkDeploymentPath("dev-1")}",
        ], result.OutputLines);
        Assert.DoesNotContain("warning", result.Error);
    }

    [Fact]
    public async Task Without_an_image_or_wifi_the_deploy_and_network_steps_are_left_out_and_the_image_is_warned_about()
    {
        await _fixture.ProvisionAsync("dev-1", "--board", FlashFixture.Board);

        var result = await _fixture.FlashAsync("dev-1", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, result.OutputLines.Length);
        Assert.Contains("--update", result.OutputLines[0]);
        Assert.Contains("--filedeployment", result.OutputLines[1]);
        Assert.Contains("No --image", result.Error);
    }

    [Fact]
    public async Task A_serial_port_in_the_deployment_file_that_differs_is_warned_about()
    {
        await _fixture.ProvisionAsync("dev-1", "--board", FlashFixture.Board, "--serial-port", "/dev/ttyACM7");

        var result = await _fixture.FlashAsync("dev-1", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("/dev/ttyACM7", result.Error);
    }

    [Fact]
    public async Task Paths_with_spaces_are_quoted_so_the_printed_commands_can_be_pasted()
    {
        await _fixture.ProvisionAsync("dev-1", "--board", FlashFixture.Board);
        string image = Path.Combine(_fixture.Root, "my app.bin");
        File.WriteAllBytes(image, [1]);

        var result = await _fixture.FlashAsync("dev-1", "--image", image, "--dry-run");

        Assert.Contains($"--image '{image}'", result.OutputLines[1]);
    }

    [Fact]
    public async Task An_unknown_board_is_invalid_input_and_the_known_boards_are_listed()
    {
        await _fixture.ProvisionAsync("dev-1");

        var result = await CliRun.RunAsync("flash", "--dir", _fixture.Dir, "--hardware", _fixture.Hardware, "--board", "no-such-board", "--device", "dev-1", "--serial-port", "COM3", "--dry-run");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("other-board, test-board", result.Error);
    }

    [Fact]
    public async Task A_device_that_was_never_provisioned_is_invalid_input_that_names_the_provision_command()
    {
        var result = await _fixture.FlashAsync("dev-9", "--dry-run");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("nordiciot provision", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task A_device_provisioned_for_another_board_is_refused_because_the_app_would_use_the_wrong_pins()
    {
        await _fixture.ProvisionAsync("dev-1", "--board", "other-board");

        var result = await _fixture.FlashAsync("dev-1", "--dry-run");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("other-board", result.Error);
    }

    [Fact]
    public async Task Missing_required_options_are_usage_errors()
    {
        var result = await CliRun.RunAsync("flash", "--board", FlashFixture.Board, "--dry-run");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--device", result.Error);
        Assert.Contains("--serial-port", result.Error);
    }
}
