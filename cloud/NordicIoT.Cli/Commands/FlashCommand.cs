using System.CommandLine;
using NordicIoT.Cli.Flashing;
using NordicIoT.Cli.Output;
using NordicIoT.Cli.Provisioning;
using NordicIoT.Provisioning;

namespace NordicIoT.Cli.Commands;

/// <summary>nordiciot flash: nanoFramework firmware, the application image (or the OTA loader and the first application set) and a provisioned device's files onto a board, through nanoff.</summary>
internal sealed class FlashCommand : Command
{
    private readonly Interaction _ui;
    private readonly Option<string> _board = new("--board") { Description = "Board profile id: hardware/ID.json", Required = true };
    private readonly Option<string> _device = new("--device") { Description = "The provisioned device to put on the board", Required = true };
    private readonly Option<string> _serialPort = new("--serial-port") { Description = "The board's serial port, e.g. /dev/ttyUSB0 or COM3", Required = true };
    private readonly Option<string> _dir = CommonOptions.ProjectDirectory();
    private readonly Option<string?> _image = new("--image") { Description = "Deployment image (.bin): the OTA loader's with --app-set, else the application's; without it the board's stays" };
    private readonly Option<string?> _appSet = new("--app-set") { Description = "The board app's build output folder (its .pe files): deployed as application set a, which the OTA loader starts" };
    private readonly Option<string?> _appVersion = new("--app-version") { Description = "With --app-set: the set's version (semantic version), reported by the device and compared with offered releases" };
    private readonly Option<string?> _hardware = new("--hardware") { Description = "Folder with the board profiles (default: hardware/ of the repository around the current folder)" };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Print the nanoff commands instead of running them" };

    public FlashCommand(Interaction ui)
        : base("flash", "Flash nanoFramework, the app image and a provisioned device's files onto a board with nanoff")
    {
        _ui = ui;
        Options.Add(_board);
        Options.Add(_device);
        Options.Add(_serialPort);
        Options.Add(_dir);
        Options.Add(_image);
        Options.Add(_appSet);
        Options.Add(_appVersion);
        Options.Add(_hardware);
        Options.Add(_dryRun);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        string deviceId = parse.GetRequiredValue(_device);
        IdentityName.Validate(deviceId, "--device");
        string hardware = parse.GetValue(_hardware) ?? BoardProfile.FindFolder(Environment.CurrentDirectory);
        var board = BoardProfile.Load(hardware, parse.GetRequiredValue(_board));
        var plan = FlashPlan.Create(
            new ProjectLayout(parse.GetRequiredValue(_dir)), board, deviceId, parse.GetRequiredValue(_serialPort), parse.GetValue(_image),
            parse.GetValue(_appSet), parse.GetValue(_appVersion));
        foreach (var warning in plan.Warnings)
        {
            _ui.Warning(warning);
        }

        if (parse.GetValue(_dryRun))
        {
            foreach (var step in plan.Steps)
            {
                _ui.Data(step.CommandLine);
            }

            return ExitCodes.Ok;
        }

        string nanoff = NanoffRunner.Find();
        await new NanoffRunner(_ui).RunAsync(nanoff, plan.Steps, cancellationToken).ConfigureAwait(false);
        _ui.Success($"Device '{deviceId}' is on the {board.Id} board at {parse.GetValue(_serialPort)}.");
        return ExitCodes.Ok;
    }
}
