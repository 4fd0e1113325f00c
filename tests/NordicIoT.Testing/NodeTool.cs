using System.Diagnostics;

namespace NordicIoT.Testing;

/// <summary>A stand-in service from tests/node (npm ci there installs them) run by node on a free 127.0.0.1 port, killed by PID on Dispose.</summary>
public sealed class NodeTool : IDisposable
{
    private readonly List<string> _output = [];
    private readonly Process _process;

    private NodeTool(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Starts node with <paramref name="nodeOptions"/>, the script at <paramref name="script"/> (relative to tests/node/node_modules) and the arguments <paramref name="arguments"/> builds from the free port.</summary>
    public static NodeTool Start(string script, IEnumerable<string> nodeOptions, Func<int, IEnumerable<string>> arguments)
    {
        string path = Path.Combine(RepositoryRoot(), "tests", "node", "node_modules", script);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: run build/install-deps.sh (npm ci in tests/node)");
        }

        int port = FreeTcpPort.Next();
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in nodeOptions.Append(path).Concat(arguments(port)))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var tool = new NodeTool(process, port);
        process.OutputDataReceived += (_, e) => tool.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => tool.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tool;
    }

    /// <summary>What it printed so far (for failure messages).</summary>
    public string Output()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
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
