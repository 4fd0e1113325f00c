using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Xunit;

namespace NordicIoT.Testing;

/// <summary>A dynalite (DynamoDB API in node) on a free 127.0.0.1 port, started once per test class (a class fixture) and killed by PID when the class is done.</summary>
public sealed class DynaliteProcess : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private NodeTool? _tool;

    /// <summary>A client for this dynalite (dummy credentials, nothing leaves 127.0.0.1).</summary>
    public AmazonDynamoDBClient Client { get; private set; } = null!;

    /// <summary>The endpoint, e.g. http://127.0.0.1:41234.</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>A client config for this dynalite, for tests that build their own client.</summary>
    public AmazonDynamoDBConfig ClientConfig() => new() { ServiceURL = ServiceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };

    /// <summary>Dummy credentials dynalite accepts.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("test", "test");

    /// <summary>Starts dynalite (tables are created, updated and deleted at once) and waits until it answers.</summary>
    public async Task InitializeAsync()
    {
        _tool = NodeTool.Start(Path.Combine("dynalite", "cli.js"), [], port =>
            ["--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"]);
        ServiceUrl = $"http://127.0.0.1:{_tool.Port.ToString(CultureInfo.InvariantCulture)}";
        Client = new AmazonDynamoDBClient(Credentials, ClientConfig());
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await Client.ListTablesAsync(new ListTablesRequest());
                return;
            }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException or TaskCanceledException)
            {
                if (!_tool.IsRunning || clock.Elapsed > StartTimeout)
                {
                    throw new InvalidOperationException($"dynalite did not answer on {ServiceUrl} (running: {_tool.IsRunning}): {_tool.Output()}", e);
                }

                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills dynalite.</summary>
    public Task DisposeAsync()
    {
        Client?.Dispose();
        _tool?.Dispose();
        return Task.CompletedTask;
    }
}
