using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using NordicIoT.Broker;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Bridge;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Storage;
using NordicIoT.Device.Host.Simulation;

namespace NordicIoT.LocalStack;

/// <summary>The whole local stack: Mosquitto with mutual TLS (a child process), the cloud app on the listen address (in this process) with its bridge connected as the cloud identity, and optionally a simulated fleet.</summary>
/// <remarks>
/// Started in dependency order (broker, app, device registration, bridge connected, fleet) and stopped in reverse, so
/// devices never publish to a broker without a bridge and the bridge never loses its broker while draining.
/// </remarks>
public sealed class LocalStackHost : IAsyncDisposable
{
    /// <summary>The simulated devices' group in the cloud, so they are easy to filter out.</summary>
    public const string SimulatedGroup = "simulated";

    private static readonly TimeSpan AppStopTimeout = TimeSpan.FromSeconds(10);

    private readonly MosquittoProcess _broker;
    private readonly CloudAppHost _app;
    private bool _stopped;

    private LocalStackHost(LocalStackOptions options, MosquittoProcess broker, CloudAppHost app, FleetSimulator? fleet)
    {
        Options = options;
        _broker = broker;
        _app = app;
        Fleet = fleet;
    }

    /// <summary>What the stack runs with.</summary>
    public LocalStackOptions Options { get; }

    /// <summary>The app's base URL, e.g. http://127.0.0.1:5080/.</summary>
    public Uri BaseUrl => new(Options.ApiUrl + "/");

    /// <summary>The file holding the admin API key the app made on its first start (it exists only if this stack's storage had no key then).</summary>
    public string AdminKeyPath => Path.Combine(Options.DataFolder, FirstAdminKey.FileName);

    /// <summary>The cloud app's services (storage, ingestion events), for tests and benchmarks in this process.</summary>
    public IServiceProvider CloudServices => _app.Services;

    /// <summary>The simulated fleet, or null when none runs.</summary>
    public FleetSimulator? Fleet { get; }

    /// <summary>The PID of the Mosquitto process.</summary>
    public int BrokerProcessId => _broker.ProcessId;

    /// <summary>Why the stack is no longer whole (the broker exited, the app stopped), or null while every part runs.</summary>
    public string? Fault =>
        !_broker.IsRunning ? $"Mosquitto (pid {_broker.ProcessId}) exited.\n{_broker.LogTail()}"
        : !_app.IsRunning ? $"The cloud app stopped: {_app.Failure?.Message ?? "no error given"}"
        : null;

    /// <summary>Starts every part; on failure stops what had started and throws.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="progress">Told what is starting, in words for a person.</param>
    /// <param name="cancellationToken">Stops starting; whatever started is stopped again.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="PortInUseException">A port is taken.</exception>
    /// <exception cref="MissingCertificateException">A certificate is missing: provision first.</exception>
    /// <exception cref="BrokerStartException">Mosquitto is not installed or did not start.</exception>
    /// <exception cref="LocalStackException">The app did not start, or its bridge did not connect.</exception>
    public static async Task<LocalStackHost> StartAsync(LocalStackOptions options, Action<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var pki = new StackCertificates(options.PkiFolder);
        pki.EnsurePresent(options.SimulatedDeviceIds());
        LocalPorts.EnsureFree(options.ListenAddress, options.ApiPort, "the API");
        LocalPorts.EnsureFree(options.ListenAddress, options.BrokerPort, "the MQTT broker");

        progress?.Invoke($"Starting Mosquitto (mutual TLS) on {options.ListenAddress}:{options.BrokerPort}");
        var broker = MosquittoProcess.Start(
            new BrokerSettings(options.BrokerPort, options.BrokerFolder, pki.Ca, pki.ServerCertificate, pki.ServerKey)
            {
                BindAddress = options.ListenAddress,
                ServiceUsers = [StackCertificates.CloudIdentity],
            },
            options.StartTimeout);
        CloudAppHost? app = null;
        FleetSimulator? fleet = null;
        try
        {
            progress?.Invoke($"Starting the cloud app on {options.ApiUrl} ({options.Storage} storage)");
            app = await CloudAppHost.StartAsync(CloudArguments(options, pki), s => ConfigureServices(options, s), options.StartTimeout, cancellationToken)
                .ConfigureAwait(false);
            await RegisterSimulatedDevicesAsync(app.Services, options.SimulatedDeviceIds(), cancellationToken).ConfigureAwait(false);
            await WaitForBridgeAsync(app.Services.GetRequiredService<MqttBridge>(), options.StartTimeout, cancellationToken).ConfigureAwait(false);
            if (options.SimulatedDevices > 0)
            {
                progress?.Invoke($"Starting {options.SimulatedDevices} simulated device(s)");
                Directory.CreateDirectory(options.SimulationFolder);
                fleet = new FleetSimulator(options.ToFleetOptions(options.SimulationFolder));
                fleet.Start();
            }

            return new LocalStackHost(options, broker, app, fleet);
        }
        catch
        {
            fleet?.Dispose();
            if (app is not null)
            {
                await app.StopAsync(AppStopTimeout).ConfigureAwait(false);
            }

            broker.Dispose();
            throw;
        }
    }

    /// <summary>Stops the fleet (waiting up to <paramref name="drain"/> for its publishes in flight), then the app, then Mosquitto; returns the fleet's totals, if one ran.</summary>
    public async Task<FleetSnapshot?> StopAsync(TimeSpan drain)
    {
        if (_stopped)
        {
            return null;
        }

        _stopped = true;
        var totals = Fleet?.Stop(drain);
        try
        {
            await _app.StopAsync(AppStopTimeout).ConfigureAwait(false);
        }
        finally
        {
            _broker.Dispose();
        }

        return totals;
    }

    /// <summary>Stops everything without waiting for publishes in flight.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(TimeSpan.Zero).ConfigureAwait(false);

    private static List<string> CloudArguments(LocalStackOptions options, StackCertificates pki)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = options.ApiUrl,
            ["contentRoot"] = Path.GetFullPath(options.StateFolder),
            ["applicationName"] = typeof(NordicIoT.Cloud.Api.HealthApi).Assembly.GetName().Name!,
            ["environment"] = "Production",

            // Everything the app logs goes to stderr, so stdout keeps only what the command prints for scripts.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
            ["Storage:DataDirectory"] = options.DataFolder,
            ["Broker:Host"] = options.ListenAddress,
            ["Broker:Port"] = options.BrokerPort.ToString(CultureInfo.InvariantCulture),
            ["Broker:CaCertificatePath"] = pki.Ca,
            ["Broker:CertificatePath"] = pki.CloudCertificate,
            ["Broker:KeyPath"] = pki.CloudKey,
            ["Broker:ClientId"] = StackCertificates.CloudIdentity,

            // The bridge starts with the app; Mosquitto is already listening, so its first retry can come soon.
            ["Broker:ReconnectMinDelay"] = "00:00:00.200",

            // Firmware updates work out of the box: uploads are checked with the key provisioning made beside the CA
            // (the simulator gives its devices the same), simulated devices' board is a known target, and offers point
            // devices at this app.
            ["Firmware:ReleasePublicKeyPath"] = pki.ReleasePublicKey,
            ["Firmware:Targets:0"] = FleetOptions.Board,
            ["Rollouts:PublicBaseUrl"] = options.ApiUrl,
        };
        if (options.Storage == LocalStorage.DynamoDb)
        {
            settings["Storage:Engine"] = "DynamoDb";
            settings["Storage:DynamoDb:ServiceUrl"] = options.DynamoDbUrl!.ToString();
        }

        if (options.FirmwareS3Url is { } s3)
        {
            settings["Firmware:Store"] = "S3";
            settings["Firmware:S3:ServiceUrl"] = s3.ToString();
            settings["Firmware:S3:BucketName"] = options.FirmwareBucket!;
        }

        foreach (var (key, value) in options.CloudSettings)
        {
            settings[key] = value;
        }

        return [.. settings.Select(s => $"--{s.Key}={s.Value}")];
    }

    private static void ConfigureServices(LocalStackOptions options, IServiceCollection services)
    {
        if (options.Storage == LocalStorage.DynamoDb)
        {
            // The app takes AWS credentials from the SDK's default chain, which a fresh machine does not have;
            // stand-ins accept any, so the stack gives placeholder ones rather than asking for an AWS profile.
            services.AddSingleton<IAmazonDynamoDB>(_ => new AmazonDynamoDBClient(
                new BasicAWSCredentials("local", "local"),
                new AmazonDynamoDBConfig { ServiceURL = options.DynamoDbUrl!.ToString(), AuthenticationRegion = "us-east-1" }));
        }

        if (options.FirmwareS3Url is { } s3)
        {
            services.AddSingleton<IAmazonS3>(_ => new AmazonS3Client(
                new BasicAWSCredentials("S3RVER", "S3RVER"),
                new AmazonS3Config { ServiceURL = s3.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" }));
        }
    }

    private static async Task RegisterSimulatedDevicesAsync(IServiceProvider services, IReadOnlyList<string> deviceIds, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<ICloudStorage>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var deviceId in deviceIds)
        {
            // The pipeline refuses messages of unknown devices; ones known from an earlier run stay as they are.
            await storage.Devices.TryCreateAsync(
                new DeviceTwin { DeviceId = deviceId, CreatedAt = now, Group = SimulatedGroup, Version = 1 }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WaitForBridgeAsync(MqttBridge bridge, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // The bridge's first session subscribes the device topics; a device publishing before that would reach no one.
        var clock = Stopwatch.StartNew();
        while (bridge.Status() is { State: not "connected" } status)
        {
            if (clock.Elapsed > timeout)
            {
                throw new LocalStackException(
                    $"The cloud app's MQTT bridge did not connect to the broker within {timeout.TotalSeconds:0} s: {status.LastError ?? "no error given"}.");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }
}
