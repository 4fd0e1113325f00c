using System.CommandLine;
using NordicIoT.Cli.Commands;
using NordicIoT.Cli.Output;

namespace NordicIoT.Cli;

/// <summary>The nordiciot command tree, and running one command line with every failure turned into its exit code.</summary>
public static class CliApp
{
    /// <summary>The root command with every subcommand, writing through <paramref name="ui"/>.</summary>
    public static RootCommand CreateRoot(Interaction ui) => new("nordiciot: certificates and deployment files, a simulated fleet, and flashing for NordicIoT devices")
    {
        new ProvisionCommand(ui),
        new SimCommand(ui),
        new FlashCommand(ui),
        new FirmwareCommand(ui),
        new UpCommand(ui),
    };

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Interaction ui, CancellationToken cancellationToken = default)
    {
        var parse = CreateRoot(ui).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                ui.Failure(error.Message);
            }

            ui.Hint("See `nordiciot --help` or `nordiciot COMMAND --help`.");
            return ExitCodes.Usage;
        }

        try
        {
            var invocation = new InvocationConfiguration { Output = ui.Output, Error = ui.Error, EnableDefaultExceptionHandler = false };
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            ui.Failure(ExitCodes.Describe(e));
            return ExitCodes.For(e);
        }
    }
}
