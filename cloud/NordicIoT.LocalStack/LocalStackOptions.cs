using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NordicIoT.Device.Host.Simulation;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.LocalStack;

/// <summary>What <see cref="LocalStackHost"/> runs: where its certificates and state are, its ports, the storage engine and the simulated fleet.</summary>
public sealed record LocalStackOptions
{
    /// <summary>The API port when none is given.</summary>
    public const int DefaultApiPort = 5080;

    /// <summary>The broker's TLS port when none is given.</summary>
    public const int DefaultBrokerPort = 8883;

    /// <summary>Where everything listens unless told otherwise: loopback, for development on this machine.</summary>
    public const string DefaultListenAddress = "127.0.0.1";

    /// <summary>The project's certificate store (ca.crt, server.crt/.key, services/cloud.crt/.key, devices/ID.crt/.key), as provisioning writes it.</summary>
    public required string PkiFolder { get; init; }

    /// <summary>The stack's state: data/ (the cloud app's database and first admin key), broker/ (generated config, ACL, log, persistence), sim/ (simulated devices' flash).</summary>
    public required string StateFolder { get; init; }

    /// <summary>The IPv4 address the broker and the app listen on: loopback by default; this machine's address on the boards' network to serve real boards (devices connect to it, the broker's certificate names it, firmware offers point at it).</summary>
    public string ListenAddress { get; init; } = DefaultListenAddress;

    /// <summary>The cloud app's HTTP port on <see cref="ListenAddress"/>.</summary>
    public int ApiPort { get; init; } = DefaultApiPort;

    /// <summary>The cloud app's URL without a trailing slash, e.g. http://127.0.0.1:5080: where it listens and what firmware offers point devices at.</summary>
    public string ApiUrl => $"http://{ListenAddress}:{ApiPort.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Mosquitto's mutual-TLS port on <see cref="ListenAddress"/>.</summary>
    public int BrokerPort { get; init; } = DefaultBrokerPort;

    /// <summary>Where the cloud app keeps its data.</summary>
    public LocalStorage Storage { get; init; } = LocalStorage.Sqlite;

    /// <summary>The DynamoDB stand-in (dynalite, DynamoDB Local) when <see cref="Storage"/> is DynamoDB; it gets placeholder credentials, which stand-ins accept.</summary>
    public Uri? DynamoDbUrl { get; init; }

    /// <summary>An S3 stand-in (s3rver, MinIO) to keep firmware files in instead of the data folder; it gets the placeholder credentials S3RVER/S3RVER, which s3rver requires and others can be set to.</summary>
    public Uri? FirmwareS3Url { get; init; }

    /// <summary>The bucket at <see cref="FirmwareS3Url"/>; it must exist.</summary>
    public string? FirmwareBucket { get; init; }

    /// <summary>Simulated devices to run (PREFIX1..PREFIXN); 0 runs none.</summary>
    public int SimulatedDevices { get; init; }

    /// <summary>Simulated device ids are this prefix followed by 1..N.</summary>
    public string DevicePrefix { get; init; } = FleetOptions.DefaultPrefix;

    /// <summary>Seconds between samples of each simulated sensor; null keeps the device default.</summary>
    public int? SampleIntervalSeconds { get; init; }

    /// <summary>Seconds between uplinks of the simulated devices; null keeps the device default.</summary>
    public int? UplinkIntervalSeconds { get; init; }

    /// <summary>Link use of the simulated devices; null keeps the device default.</summary>
    public DeviceMode? Mode { get; init; }

    /// <summary>More cloud app settings by configuration path ("Ingestion:MaxPayloadBytes"); they win over the stack's own.</summary>
    public IReadOnlyDictionary<string, string> CloudSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>How long each part may take to start (broker port open, app started, bridge connected).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The cloud app's data folder.</summary>
    public string DataFolder => Path.Combine(Path.GetFullPath(StateFolder), "data");

    /// <summary>Mosquitto's generated config, ACL, log and persistence.</summary>
    public string BrokerFolder => Path.Combine(Path.GetFullPath(StateFolder), "broker");

    /// <summary>The simulated devices' flash, one folder per device; kept, so a restart resumes their buffers.</summary>
    public string SimulationFolder => Path.Combine(Path.GetFullPath(StateFolder), "sim");

    /// <summary>The ids of the simulated devices, in order.</summary>
    public IReadOnlyList<string> SimulatedDeviceIds() =>
        [.. Enumerable.Range(1, SimulatedDevices).Select(n => FleetOptions.DeviceIdFor(DevicePrefix, n))];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(PkiFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(StateFolder);
        if (!IPAddress.TryParse(ListenAddress, out var address) || address.AddressFamily != AddressFamily.InterNetwork || address.Equals(IPAddress.Any))
        {
            throw new ArgumentException(
                $"The listen address must be an IPv4 address of this machine, such as 127.0.0.1 or its address on the boards' network (e.g. 192.168.1.20), not '{ListenAddress}': devices, the broker's certificate and firmware offers need the one address devices reach.");
        }

        CheckPort(ApiPort, "API port");
        CheckPort(BrokerPort, "broker port");
        if (ApiPort == BrokerPort)
        {
            throw new ArgumentException($"The API and the broker cannot share port {ApiPort}.");
        }

        if (!Enum.IsDefined(Storage))
        {
            throw new ArgumentException($"Unknown storage engine {Storage}.");
        }

        if (Storage == LocalStorage.DynamoDb && DynamoDbUrl is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            throw new ArgumentException("DynamoDB storage needs the http(s) URL of a local stand-in such as dynalite.");
        }

        if (FirmwareS3Url is not null && (FirmwareS3Url is not { IsAbsoluteUri: true, Scheme: "http" or "https" } || string.IsNullOrWhiteSpace(FirmwareBucket)))
        {
            throw new ArgumentException("Firmware on S3 needs the http(s) URL of a local stand-in such as s3rver and the name of an existing bucket.");
        }

        if (SimulatedDevices is < 0 or > FleetOptions.MaxDevices)
        {
            throw new ArgumentException($"The number of simulated devices must be 0..{FleetOptions.MaxDevices}, not {SimulatedDevices}.");
        }

        if (SimulatedDevices > 0)
        {
            // The fleet's own rules (id prefix, intervals), in the words it uses for `nordiciot sim`.
            ToFleetOptions(Path.GetTempPath()).Validate();
        }

        if (StartTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The start timeout must be positive, not {StartTimeout}.");
        }
    }

    /// <summary>The simulator's options for these devices, connecting to this stack's broker.</summary>
    internal FleetOptions ToFleetOptions(string stateFolder) => new()
    {
        Devices = SimulatedDevices,
        Prefix = DevicePrefix,
        BrokerHost = ListenAddress,
        BrokerPort = BrokerPort,
        CertificateFolder = PkiFolder,
        StateFolder = stateFolder,
        SampleIntervalSeconds = SampleIntervalSeconds,
        UplinkIntervalSeconds = UplinkIntervalSeconds,
        Mode = Mode,
    };

    private static void CheckPort(int port, string what)
    {
        if (port is < 1 or > 65535)
        {
            throw new ArgumentException($"The {what} must be 1..65535, not {port}.");
        }
    }
}

/// <summary>The storage engines the local stack can run the cloud app on.</summary>
public enum LocalStorage
{
    /// <summary>One SQLite file in the data folder (the default).</summary>
    Sqlite,

    /// <summary>A local DynamoDB stand-in at <see cref="LocalStackOptions.DynamoDbUrl"/>.</summary>
    DynamoDb,
}
