using System.Net;
using System.Net.Sockets;
using NordicIoT.Testing;

namespace NordicIoT.Cli.Tests.Up;

/// <summary>nordiciot up refusing bad input before anything starts (running the stack is covered end to end in NordicIoT.EndToEnd).</summary>
public sealed class UpCommandTests : IDisposable
{
    private readonly TempFolder _dir = new("cli-up");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Dynamodb_storage_without_a_url_is_refused_naming_the_option()
    {
        var result = await CliRun.RunAsync("up", "--dir", _dir.Path, "--storage", "dynamodb");

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.Contains("--dynamodb-url", result.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public async Task A_dynamodb_url_without_dynamodb_storage_is_refused()
    {
        var result = await CliRun.RunAsync("up", "--dir", _dir.Path, "--dynamodb-url", "http://127.0.0.1:4567");

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.Contains("--storage dynamodb", result.Error);
    }

    [Fact]
    public async Task An_unknown_storage_engine_is_a_usage_error()
    {
        var result = await CliRun.RunAsync("up", "--dir", _dir.Path, "--storage", "postgres");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
    }

    [Theory]
    [InlineData("--sim", "-1")]
    [InlineData("--port", "70000")]
    [InlineData("--sim", "1", "--uplink-interval", "5")]
    [InlineData("--storage", "dynamodb", "--dynamodb-url", "127.0.0.1:4567")]
    public async Task Out_of_range_values_are_refused_before_anything_starts(params string[] options)
    {
        var result = await CliRun.RunAsync(["up", "--dir", _dir.Path, .. options]);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public async Task A_port_in_use_is_refused_with_the_port_and_the_option_that_changes_it()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            int port = ((IPEndPoint)taken.LocalEndpoint).Port;

            var result = await CliRun.RunAsync("up", "--dir", _dir.Path, "--port", $"{port}", "--broker-port", $"{FreeTcpPort.Next()}");

            Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
            Assert.Contains($"Port {port}", result.Error);
            Assert.Contains("--port", result.Error);
            Assert.False(Directory.Exists(Path.Combine(_dir.Path, "broker")), "the broker was configured although the API port was taken");
        }
        finally
        {
            taken.Stop();
        }
    }
}
