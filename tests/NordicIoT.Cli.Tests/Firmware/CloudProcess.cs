using System.Diagnostics;
using NordicIoT.Testing;

namespace NordicIoT.Cli.Tests.Firmware;

/// <summary>The real cloud app (its built dll) as a process on a free 127.0.0.1 port with its own data folder, trusting the given release public key; killed by PID on Dispose.</summary>
internal sealed class CloudProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly List<string> _output = [];

    private CloudProcess(Process process, string url, string dataFolder)
    {
        _process = process;
        Url = url;
        DataFolder = dataFolder;
    }

    public string Url { get; }

    public string DataFolder { get; }

    /// <summary>The admin key the app made on first start.</summary>
    public string AdminKey => File.ReadAllText(Path.Combine(DataFolder, "admin-api-key")).Trim();

    public static async Task<CloudProcess> StartAsync(string dataFolder, string releasePublicKeyPath)
    {
        // artifacts/bin/NordicIoT.Cli.Tests/<configuration>/ -> artifacts/bin/NordicIoT.Cloud/<configuration>/
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "NordicIoT.Cloud", configuration, "NordicIoT.Cloud.dll"));
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the cloud app");
        }

        var url = $"http://127.0.0.1:{FreeTcpPort.Next()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dataFolder };
        foreach (var argument in new[] { dll, "--urls", url })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Storage__DataDirectory"] = Path.Combine(dataFolder, "data");
        start.Environment["Firmware__ReleasePublicKeyPath"] = releasePublicKeyPath;
        start.Environment["Rollouts__DriverEnabled"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var cloud = new CloudProcess(process, url, Path.Combine(dataFolder, "data"));
        process.OutputDataReceived += (_, e) => cloud.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => cloud.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await cloud.WaitUntilReadyAsync();
        return cloud;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await http.GetAsync(Url + "/health/live")).IsSuccessStatusCode && File.Exists(Path.Combine(DataFolder, "admin-api-key")))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (_process.HasExited || clock.Elapsed > StartTimeout)
            {
                lock (_output)
                {
                    throw new InvalidOperationException($"the cloud app did not start on {Url}:\n{string.Join('\n', _output)}");
                }
            }

            await Task.Delay(100);
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
}
