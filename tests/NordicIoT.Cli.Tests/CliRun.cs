using NordicIoT.Cli;
using NordicIoT.Cli.Output;

namespace NordicIoT.Cli.Tests;

/// <summary>The outcome of one in-process run of the tool: exit code, stdout and stderr.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The stdout lines.</summary>
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Everything printed, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>Runs nordiciot command lines in this process with redirected (non-interactive) output.</summary>
internal static class CliRun
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = await CliApp.RunAsync(args, new Interaction(output, error, interactive: false));
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The value of a "name: value" summary line on stdout.</summary>
    public static string Value(this CliResult result, string name)
    {
        var line = result.OutputLines.FirstOrDefault(l => l.StartsWith(name + ": ", StringComparison.Ordinal));
        Assert.True(line is not null, $"no '{name}:' line in the output\n{result}");
        return line[(name.Length + 2)..];
    }

    /// <summary>A whole-number summary value.</summary>
    public static long Number(this CliResult result, string name) => long.Parse(result.Value(name), System.Globalization.CultureInfo.InvariantCulture);
}
