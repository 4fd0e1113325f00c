using System.CommandLine;
using NordicIoT.Cli.Errors;
using NordicIoT.Cli.Output;
using NordicIoT.Cli.Provisioning;
using NordicIoT.Device.Host.Simulation;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cli.Commands;

/// <summary>nordiciot sim: N virtual devices in this process, running the real device library against a broker.</summary>
internal sealed class SimCommand : Command
{
    private static readonly TimeSpan InteractiveRefresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PlainRefresh = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(10);

    // Each device appends to a file per reading and replaces one per PUBACK: on ext4 that, not TLS, limits a fleet.
    private const string RamFolder = "/dev/shm";

    private readonly Interaction _ui;
    private readonly Option<int> _devices = new("--devices") { Description = "Number of devices: PREFIX1..PREFIXN", Required = true };
    private readonly Option<string> _brokerHost = CommonOptions.BrokerHost();
    private readonly Option<int> _brokerPort = CommonOptions.BrokerPort();
    private readonly Option<string> _certs = new("--certs")
    {
        Description = "Certificate folder with ca.crt and devices/ID.crt|key (what `nordiciot provision` writes under DIR/pki)",
        DefaultValueFactory = _ => new ProjectLayout(ProjectLayout.DefaultRoot).PkiFolder,
    };

    private readonly Option<string> _prefix = CommonOptions.Prefix();
    private readonly Option<int?> _sampleInterval = new("--sample-interval") { Description = "Seconds between samples of each sensor (device default 60)" };
    private readonly Option<int?> _uplinkInterval = new("--uplink-interval") { Description = "Seconds between uplinks, at least 10 (device default 900)" };
    private readonly Option<string?> _mode = new("--mode") { Description = "normal, power-save (connect only to uplink) or live (uplink after every reading)" };
    private readonly Option<double?> _duration = new("--duration") { Description = "Seconds to run; without it, until Ctrl+C" };
    private readonly Option<string[]> _outages = new("--outage") { Description = $"A fault to inject (repeatable): {ScheduledFault.Syntax}" };
    private readonly Option<string?> _stateDir = new("--state-dir") { Description = "Keep each device's flash here (reuse it to resume); default: a temporary folder, in RAM (/dev/shm) where there is one, removed at the end" };
    private readonly Option<int?> _workers = new("--workers") { Description = "Threads that drive the devices (default: twice the cores, at least 4)" };

    public SimCommand(Interaction ui)
        : base("sim", "Run a fleet of simulated devices (the real device library) against the broker")
    {
        _ui = ui;
        _mode.AcceptOnlyFromAmong("normal", "power-save", "live");
        Options.Add(_devices);
        Options.Add(_brokerHost);
        Options.Add(_brokerPort);
        Options.Add(_certs);
        Options.Add(_prefix);
        Options.Add(_sampleInterval);
        Options.Add(_uplinkInterval);
        Options.Add(_mode);
        Options.Add(_duration);
        Options.Add(_outages);
        Options.Add(_stateDir);
        Options.Add(_workers);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var duration = Duration(parse.GetValue(_duration));
        string certs = Path.GetFullPath(parse.GetRequiredValue(_certs));
        if (!Directory.Exists(certs))
        {
            throw new InvalidInputException($"--certs {certs} does not exist: create the certificates with `nordiciot provision --count N`.");
        }

        string? keptState = parse.GetValue(_stateDir);
        string stateFolder = keptState is null ? TemporaryStateFolder() : Path.GetFullPath(keptState);
        try
        {
            var options = FleetOptionsFrom(parse, certs, stateFolder);
            using var fleet = new FleetSimulator(options);
            _ui.Info($"Simulating {options.Devices} device(s) against {options.BrokerHost}:{options.BrokerPort}; " +
                $"{(duration is null ? "Ctrl+C stops" : $"running {duration.Value.TotalSeconds:0.#} s")}.");
            var refresh = _ui.IsInteractive ? InteractiveRefresh : PlainRefresh;
            FleetSnapshot result;
            try
            {
                result = await fleet.RunAsync(duration, s => _ui.Progress(FleetReport.Status(s)), refresh, Drain, cancellationToken).ConfigureAwait(false);
            }
            catch (FileNotFoundException e)
            {
                throw new InvalidInputException(
                    $"{e.Message} Create them with `nordiciot provision --count {options.Devices} --prefix {options.Prefix}`.", e);
            }

            _ui.EndProgress();
            foreach (var line in FleetReport.Summary(result))
            {
                _ui.Data(line);
            }

            if (result.Failures > 0)
            {
                _ui.Warning($"{result.Failures} device step(s) failed; the last: {result.LastFailure}");
            }

            if (result.Connects == 0)
            {
                throw new NoConnectionException(
                    $"No device could connect to {options.BrokerHost}:{options.BrokerPort} ({result.ConnectFailures} attempts): " +
                    "is the broker running there, and does it trust the CA in --certs?");
            }

            return ExitCodes.Ok;
        }
        finally
        {
            if (keptState is null)
            {
                Directory.Delete(stateFolder, recursive: true);
            }
        }
    }

    private FleetOptions FleetOptionsFrom(ParseResult parse, string certs, string stateFolder)
    {
        var faults = new List<ScheduledFault>();
        foreach (var text in parse.GetValue(_outages) ?? [])
        {
            try
            {
                faults.Add(ScheduledFault.Parse(text));
            }
            catch (FormatException e)
            {
                throw new InvalidInputException($"--outage {e.Message}", e);
            }
        }

        var options = new FleetOptions
        {
            Devices = parse.GetValue(_devices),
            Prefix = parse.GetRequiredValue(_prefix),
            BrokerHost = parse.GetRequiredValue(_brokerHost),
            BrokerPort = parse.GetValue(_brokerPort),
            CertificateFolder = certs,
            StateFolder = stateFolder,
            SampleIntervalSeconds = parse.GetValue(_sampleInterval),
            UplinkIntervalSeconds = parse.GetValue(_uplinkInterval),
            Mode = Mode(parse.GetValue(_mode)),
            Faults = faults,
            WorkerThreads = parse.GetValue(_workers) ?? FleetOptions.DefaultWorkerThreads,
        };

        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(e.Message, e);
        }

        return options;
    }

    private static string TemporaryStateFolder()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(RamFolder))
        {
            return Directory.CreateTempSubdirectory("nordiciot-sim-").FullName;
        }

        string folder = Path.Combine(RamFolder, $"nordiciot-sim-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    }

    private static TimeSpan? Duration(double? seconds)
    {
        if (seconds is null)
        {
            return null;
        }

        if (seconds <= 0 || double.IsNaN(seconds.Value) || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            throw new InvalidInputException($"--duration must be a number of seconds above 0, not {seconds}.");
        }

        return TimeSpan.FromSeconds(seconds.Value);
    }

    private static DeviceMode? Mode(string? mode) => mode switch
    {
        null => null,
        "normal" => DeviceMode.Normal,
        "power-save" => DeviceMode.PowerSave,
        _ => DeviceMode.Live,
    };
}
