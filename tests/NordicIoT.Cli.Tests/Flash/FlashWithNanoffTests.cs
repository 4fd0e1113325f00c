using System.Runtime.Versioning;

namespace NordicIoT.Cli.Tests.Flash;

/// <summary>Tests that change PATH (process-wide), so they run alone.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

[Collection(nameof(ProcessEnvironment))]
[UnsupportedOSPlatform("windows")]
public sealed class FlashWithNanoffTests : IDisposable
{
    private readonly FlashFixture _fixture = new();
    private readonly string? _path = Environment.GetEnvironmentVariable("PATH");
    private readonly string? _home = Environment.GetEnvironmentVariable("HOME");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", _path);
        Environment.SetEnvironmentVariable("HOME", _home);
        _fixture.Dispose();
    }

    [Fact]
    public async Task Flash_runs_each_nanoff_step_in_order()
    {
        string log = FakeNanoff(failOn: null);
        await _fixture.ProvisionAsync("dev-1", "--board", FlashFixture.Board);

        var result = await _fixture.FlashAsync("dev-1", "--image", _fixture.Image);

        Assert.True(result.ExitCode == 0, result.ToString());
        var calls = File.ReadAllLines(log);
        Assert.Equal(3, calls.Length);
        Assert.StartsWith("--update --target ESP32_S3_QUAD", calls[0]);
        Assert.Contains("--deploy --image", calls[1]);
        Assert.Contains("--filedeployment", calls[2]);
        Assert.Contains("fake nanoff ran", result.Error);
    }

    [Fact]
    public async Task Flash_with_an_app_set_deploys_the_loader_then_the_files_with_the_set()
    {
        string log = FakeNanoff(failOn: null);
        await _fixture.ProvisionAsync("dev-1", "--board", FlashFixture.Board);

        var result = await _fixture.FlashAsync("dev-1", "--image", _fixture.LoaderImage, "--app-set", _fixture.AppBuild(), "--app-version", "1.0.0");

        Assert.True(result.ExitCode == 0, result.ToString());
        var calls = File.ReadAllLines(log);
        Assert.Equal(3, calls.Length);
        Assert.EndsWith($"--deploy --image {_fixture.LoaderImage}", calls[1]);
        Assert.EndsWith($"--filedeployment {_fixture.Layout.FlashDeploymentPath("dev-1")}", calls[2]);
    }

    [Fact]
    public async Task A_failing_nanoff_step_stops_the_run_with_its_own_exit_code()
    {
        string log = FakeNanoff(failOn: "--deploy");
        await _fixture.ProvisionAsync("dev-1", "--board", FlashFixture.Board);

        var result = await _fixture.FlashAsync("dev-1", "--image", _fixture.Image);

        Assert.Equal(ExitCodes.ToolFailed, result.ExitCode);
        Assert.Contains("Step 2 (deploy the application image)", result.Error);
        Assert.Equal(2, File.ReadAllLines(log).Length);
    }

    [Fact]
    public async Task Without_nanoff_installed_flash_says_how_to_install_it()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_fixture.Root, "empty-bin")).FullName;
        Environment.SetEnvironmentVariable("PATH", empty);
        Environment.SetEnvironmentVariable("HOME", empty);
        await _fixture.ProvisionAsync("dev-1", "--board", FlashFixture.Board);

        var result = await _fixture.FlashAsync("dev-1");

        Assert.Equal(ExitCodes.ToolMissing, result.ExitCode);
        Assert.Contains("dotnet tool install -g nanoff", result.Error);
    }

    // A shell script named nanoff first on PATH: logs its arguments, prints a line, fails on a chosen argument.
    private string FakeNanoff(string? failOn)
    {
        string bin = Directory.CreateDirectory(Path.Combine(_fixture.Root, "bin")).FullName;
        string log = Path.Combine(_fixture.Root, "nanoff-calls.log");
        string script = Path.Combine(bin, "nanoff");
        string fail = failOn is null ? "" : $"case \"$*\" in *{failOn}*) exit 3;; esac\n";
        File.WriteAllText(script, $"#!/bin/sh\necho \"$*\" >> '{log}'\necho fake nanoff ran\n{fail}exit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment.SetEnvironmentVariable("PATH", bin + Path.PathSeparator + _path);
        return log;
    }
}
