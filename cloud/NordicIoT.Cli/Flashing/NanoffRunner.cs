using System.Diagnostics;
using NordicIoT.Cli.Errors;
using NordicIoT.Cli.Output;

namespace NordicIoT.Cli.Flashing;

/// <summary>Runs nanoff steps one after the other, passing its output on as diagnostics and stopping at the first failure.</summary>
public sealed class NanoffRunner(Interaction ui)
{
    /// <summary>The full path of nanoff; throws <see cref="ToolNotFoundException"/> saying how to install it.</summary>
    public static string Find() => ExecutableLocator.Find(NanoffStep.Program)
        ?? throw new ToolNotFoundException(
            "nanoff is not installed: install it with `dotnet tool install -g nanoff` (and put ~/.dotnet/tools on PATH), " +
            "or see what would run with --dry-run.");

    /// <summary>Runs every step with the nanoff at <paramref name="nanoff"/>; throws <see cref="ToolFailedException"/> naming the step that failed.</summary>
    public async Task RunAsync(string nanoff, IReadOnlyList<NanoffStep> steps, CancellationToken cancellationToken)
    {
        for (int i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            ui.Info($"[{i + 1}/{steps.Count}] {step.Purpose}: {step.CommandLine}");
            int exitCode = await RunAsync(nanoff, step, cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new ToolFailedException($"Step {i + 1} ({step.Purpose}) failed: nanoff exited with code {exitCode}. Command: {step.CommandLine}");
            }
        }
    }

    private async Task<int> RunAsync(string nanoff, NanoffStep step, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(nanoff)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in step.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stop the nanoff this step started (by its process object, not by name) before giving up.
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;
    }

    private void Forward(string? line)
    {
        if (line is not null)
        {
            ui.Info("  " + line);
        }
    }
}
