using System.CommandLine;
using NordicIoT.Cli.Output;

namespace NordicIoT.Cli.Commands;

/// <summary>nordiciot firmware: sign a release and upload it.</summary>
internal sealed class FirmwareCommand : Command
{
    public FirmwareCommand(Interaction ui)
        : base("firmware", "Make signed firmware releases and upload them to the cloud")
    {
        Subcommands.Add(new FirmwareSignCommand(ui));
        Subcommands.Add(new FirmwareUploadCommand(ui));
    }
}
