using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using NordicIoT.Testing;

namespace NordicIoT.Cloud.Storage.Tests;

/// <summary>A dynalite (DynamoDB API in node) on a free 127.0.0.1 port, started once per test class and killed by PID when the class is done.</summary>
public sealed class DynaliteProcess : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly List<string> _output = [];
    private Process? _process;

    /// <summary>A client for this dynalite (dummy credentials, nothing leaves 127.0.0.1).</summary>
    public AmazonDynamoDBClient Client { get; private set; } = null!;

    /// <summary>The endpoint, e.g. http://127.0.0.1:41234.</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>A client config for this dynalite, for tests that build their own client.</summary>
    public AmazonDynamoDBConfig ClientConfig() => new() { ServiceURL = ServiceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };

    /// <summary>Dummy credentials dynalite accepts.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("test", "test");

    public async Task InitializeAsync()
    {
        string cli = Path.Combine(RepositoryRoot(), "tests", "node", "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"{cli} is missing: run build/install-deps.sh (npm ci in tests/node)");
        }

        int port = FreeTcpPort.Next();
        ServiceUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { cli, "--host", "127.0.0.1", "--port", port.ToString(), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Client = new AmazonDynamoDBClient(Credentials, ClientConfig());
        await WaitUntilAnsweringAsync();
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await Client.ListTablesAsync(new Amazon.DynamoDBv2.Model.ListTablesRequest());
                return;
            }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException or TaskCanceledException)
            {
                if (_process!.HasExited || clock.Elapsed > StartTimeout)
                {
                    throw new InvalidOperationException($"dynalite did not answer on {ServiceUrl} (exited: {_process.HasExited}): {string.Join('\n', Output())}", e);
                }

                await Task.Delay(50);
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private string[] Output()
    {
        lock (_output)
        {
            return [.. _output];
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tests", "node", "package.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no repository root (with tests/node/package.json) above {AppContext.BaseDirectory}");
    }
}
