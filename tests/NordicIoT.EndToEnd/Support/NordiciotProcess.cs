using System.Diagnostics;
using System.Text;

namespace NordicIoT.EndToEnd.Support;

/// <summary>The `nordiciot` tool as built beside this test assembly (the project references the CLI), run as a child process the way `dotnet tool` runs it, with its stdout and stderr collected.</summary>
public sealed class NordiciotProcess : IDisposable
{
    private readonly StringBuilder _output = new();

    private NordiciotProcess(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nordiciot.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Plain lines instead of redrawn progress, as in any script.
        start.Environment["CI"] = "true";
        Process = Process.Start(start)!;
        Process.OutputDataReceived += (_, e) => Remember(e.Data);
        Process.ErrorDataReceived += (_, e) => Remember(e.Data);
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    /// <summary>The running tool.</summary>
    public Process Process { get; }

    /// <summary>Starts `nordiciot <paramref name="arguments"/>`.</summary>
    public static NordiciotProcess Start(params string[] arguments) => new(arguments);

    /// <summary>Runs `nordiciot <paramref name="arguments"/>` to its end, asserts it exited 0 within a minute, and returns what it printed.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        using var tool = Start(arguments);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            await tool.Process.WaitForExitAsync(timeout.Token);
        }

        // The exit event can come before the last lines are read.
        tool.Process.WaitForExit();
        Assert.True(tool.Process.ExitCode == 0, $"nordiciot {string.Join(' ', arguments)} exited {tool.Process.ExitCode}\n{tool.Output()}");
        return tool.Output();
    }

    /// <summary>Everything printed so far, stdout and stderr interleaved.</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    /// <summary>Kills the tool (and what it started) if it still runs.</summary>
    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }

    private void Remember(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
