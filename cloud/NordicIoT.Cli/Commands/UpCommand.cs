using System.CommandLine;
using NordicIoT.Broker;
using NordicIoT.Cli.Errors;
using NordicIoT.Cli.Output;
using NordicIoT.Cli.Provisioning;
using NordicIoT.LocalStack;

namespace NordicIoT.Cli.Commands;

/// <summary>nordiciot up: the whole local stack in one command (Mosquitto, the cloud app, optionally simulated devices) until Ctrl+C.</summary>
internal sealed class UpCommand : Command
{
    /// <summary>The simulated devices' schedule when none is given: a reading every 5 s, sent every 10 s, so data shows up at once.</summary>
    public const int DefaultSampleInterval = 5;

    /// <summary>Seconds between uplinks of the simulated devices when none is given.</summary>
    public const int DefaultUplinkInterval = 10;

    private static readonly TimeSpan InteractiveRefresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PlainRefresh = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FaultCheck = TimeSpan.FromSeconds(1);

    // Short: System.CommandLine gives a command 2 s after Ctrl+C before it exits with 130 regardless.
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(1);

    private readonly Interaction _ui;
    private readonly Option<string> _dir = CommonOptions.ProjectDirectory();
    private readonly Option<int> _port = new("--port")
    {
        Description = "The cloud app's HTTP port on 127.0.0.1 (API, /docs, /health, dashboard)",
        DefaultValueFactory = _ => LocalStackOptions.DefaultApiPort,
    };

    private readonly Option<int> _brokerPort = CommonOptions.BrokerPort();
    private readonly Option<int> _sim = new("--sim") { Description = "Simulated devices to run (PREFIX1..PREFIXN, provisioned and registered on first use)", DefaultValueFactory = _ => 0 };
    private readonly Option<string> _prefix = CommonOptions.Prefix();
    private readonly Option<int> _sampleInterval = new("--sample-interval")
    {
        Description = "Seconds between samples of each simulated sensor",
        DefaultValueFactory = _ => DefaultSampleInterval,
    };

    private readonly Option<int> _uplinkInterval = new("--uplink-interval")
    {
        Description = "Seconds between uplinks of the simulated devices, at least 10",
        DefaultValueFactory = _ => DefaultUplinkInterval,
    };

    private readonly Option<string> _listen = new("--listen")
    {
        Description = "IPv4 address the broker and the app listen on: 127.0.0.1 (this machine only), or this machine's address on the boards' network so real boards can connect",
        DefaultValueFactory = _ => LocalStackOptions.DefaultListenAddress,
    };

    private readonly Option<string> _storage = new("--storage") { Description = "sqlite (a file in DIR/data) or dynamodb (a local stand-in at --dynamodb-url)", DefaultValueFactory = _ => "sqlite" };
    private readonly Option<string?> _dynamoDbUrl = new("--dynamodb-url") { Description = "URL of a local DynamoDB stand-in (dynalite, DynamoDB Local) for --storage dynamodb" };

    public UpCommand(Interaction ui)
        : base("up", "Run the local stack until Ctrl+C: Mosquitto with mutual TLS, the cloud app (API, dashboard), and optionally simulated devices; provisions what is missing")
    {
        _ui = ui;
        _storage.AcceptOnlyFromAmong("sqlite", "dynamodb");
        Options.Add(_dir);
        Options.Add(_port);
        Options.Add(_brokerPort);
        Options.Add(_listen);
        Options.Add(_sim);
        Options.Add(_prefix);
        Options.Add(_sampleInterval);
        Options.Add(_uplinkInterval);
        Options.Add(_storage);
        Options.Add(_dynamoDbUrl);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var layout = new ProjectLayout(parse.GetRequiredValue(_dir));
        var options = StackOptions(parse, layout);
        RequireMosquitto();
        Provision(layout, options);

        await using var stack = await StartAsync(options, cancellationToken).ConfigureAwait(false);
        PrintWhereThingsAre(stack, layout);
        _ui.Success(options.SimulatedDevices == 0
            ? "The local stack is up. Ctrl+C stops it."
            : $"The local stack is up with {options.SimulatedDevices} simulated device(s) sampling every {options.SampleIntervalSeconds} s. Ctrl+C stops it.");

        string? fault = await WatchAsync(stack, cancellationToken).ConfigureAwait(false);
        _ui.EndProgress();
        _ui.Info(fault is null ? "Stopping: simulated devices, cloud app, broker." : "Stopping what is left.");
        await stack.StopAsync(Drain).ConfigureAwait(false);
        if (fault is not null)
        {
            throw new ToolFailedException($"The local stack broke down: {fault}");
        }

        _ui.Success("Stopped.");
        return ExitCodes.Ok;
    }

    private LocalStackOptions StackOptions(ParseResult parse, ProjectLayout layout)
    {
        bool dynamo = parse.GetRequiredValue(_storage) == "dynamodb";
        var url = DynamoDbUrl(parse.GetValue(_dynamoDbUrl));
        if (dynamo != url is not null)
        {
            throw new InvalidInputException(dynamo
                ? "--storage dynamodb needs --dynamodb-url, the address of a local stand-in (e.g. dynalite on http://127.0.0.1:4567)."
                : "--dynamodb-url is only used with --storage dynamodb.");
        }

        var options = new LocalStackOptions
        {
            PkiFolder = layout.PkiFolder,
            StateFolder = layout.Root,
            ListenAddress = parse.GetRequiredValue(_listen),
            ApiPort = parse.GetValue(_port),
            BrokerPort = parse.GetValue(_brokerPort),
            Storage = dynamo ? LocalStorage.DynamoDb : LocalStorage.Sqlite,
            DynamoDbUrl = url,
            SimulatedDevices = parse.GetValue(_sim),
            DevicePrefix = parse.GetRequiredValue(_prefix),
            SampleIntervalSeconds = parse.GetValue(_sampleInterval),
            UplinkIntervalSeconds = parse.GetValue(_uplinkInterval),
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

    private static Uri? DynamoDbUrl(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new InvalidInputException($"--dynamodb-url '{text}' is not an http(s) URL such as http://127.0.0.1:4567.");
    }

    private static void RequireMosquitto()
    {
        try
        {
            MosquittoBinary.Find();
        }
        catch (BrokerStartException e)
        {
            throw new ToolNotFoundException(e.Message);
        }
    }

    // What `nordiciot provision` would make for these devices, keeping whatever exists (the CA above all).
    private void Provision(ProjectLayout layout, LocalStackOptions options)
    {
        var report = new Provisioner(layout).Provision(new ProvisionRequest
        {
            DeviceIds = options.SimulatedDeviceIds(),
            // The broker's certificate must name the address devices connect to (reissued with it when it did not).
            BrokerHost = options.ListenAddress,
            BrokerPort = options.BrokerPort,
        });
        foreach (var item in report.Items.Where(i => i.Action != ProvisionAction.Kept))
        {
            _ui.Info($"{item.Action.ToString().ToLowerInvariant()} {item.Role} {item.Name}: {item.Path}");
        }

        foreach (var warning in report.Warnings)
        {
            _ui.Warning(warning);
        }
    }

    private async Task<LocalStackHost> StartAsync(LocalStackOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await LocalStackHost.StartAsync(options, _ui.Info, cancellationToken).ConfigureAwait(false);
        }
        catch (PortInUseException e)
        {
            throw new InvalidInputException($"{e.Message} (--port for the API, --broker-port for the broker)", e);
        }
        catch (Exception e) when (e is LocalStackException or BrokerStartException)
        {
            throw new ToolFailedException(e.Message);
        }
    }

    private void PrintWhereThingsAre(LocalStackHost stack, ProjectLayout layout)
    {
        var site = stack.BaseUrl;
        _ui.Data($"dashboard  {site}");
        _ui.Data($"api        {new Uri(site, "api/devices")}");
        _ui.Data($"docs       {new Uri(site, "docs")}");
        _ui.Data($"health     {new Uri(site, "health/ready")}");
        _ui.Data($"broker     mqtts://{stack.Options.ListenAddress}:{stack.Options.BrokerPort} (mutual TLS; CA {Path.Combine(layout.PkiFolder, "ca.crt")})");
        _ui.Data($"certs      {layout.PkiFolder}");
        _ui.Data($"devices    {Path.Combine(layout.Root, "devices")}");
        _ui.Data($"data       {stack.Options.DataFolder} ({(stack.Options.Storage == LocalStorage.Sqlite ? "SQLite" : $"DynamoDB at {stack.Options.DynamoDbUrl}")})");
        if (File.Exists(stack.AdminKeyPath))
        {
            _ui.Data($"admin-key  {stack.AdminKeyPath}");
            _ui.Hint($"Try: curl -H \"Authorization: Bearer $(cat {stack.AdminKeyPath})\" {new Uri(site, "api/devices")}");
        }
        else
        {
            _ui.Warning($"No first admin key file at {stack.AdminKeyPath}: the storage had API keys already. Use a key you created (POST /api/keys).");
        }
    }

    // Until Ctrl+C (null) or until a part of the stack fails (its description); looks every second, reports less often.
    private async Task<string?> WatchAsync(LocalStackHost stack, CancellationToken cancellationToken)
    {
        var refresh = _ui.IsInteractive ? InteractiveRefresh : PlainRefresh;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var nextReport = refresh;
        while (true)
        {
            try
            {
                await Task.Delay(FaultCheck, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            if (stack.Fault is { } fault)
            {
                return fault;
            }

            if (stack.Fleet is { } fleet && clock.Elapsed >= nextReport)
            {
                _ui.Progress("sim " + FleetReport.Status(fleet.Snapshot()));
                nextReport += refresh;
            }
        }
    }
}
