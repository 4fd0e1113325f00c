using NordicIoT.Cli;
using NordicIoT.Cli.Output;

return await CliApp.RunAsync(args, Interaction.ForConsole());
