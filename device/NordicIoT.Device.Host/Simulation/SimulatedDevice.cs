using NordicIoT.Device.Configuration;
using NordicIoT.Device.Host.Mqtt;
using NordicIoT.Device.Host.Ota;
using NordicIoT.Device.Host.Platform;
using NordicIoT.Device.Host.Sensors;
using NordicIoT.Device.Host.Storage;
using NordicIoT.Device.Ota;
using NordicIoT.Device.Ota.Http;
using NordicIoT.Device.Platform;
using NordicIoT.Device.Transport;
using NordicIoT.Mqtt;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Host.Simulation;

/// <summary>One virtual device: the real <see cref="DeviceRuntime"/> over host flash, simulated sensors and the host MQTT client.</summary>
/// <remarks>
/// Only the scheduler's worker that took the device calls <see cref="Step"/>, so the runtime sees one thread at a time as
/// on the board. A reboot throws the runtime (and its session) away and boots a new one over the same flash folder.
/// Counters and the sensors outlive reboots: the readings in flash and the physical world carry on.
/// </remarks>
internal sealed class SimulatedDevice : IDisposable
{
    // Connecting holds no state, so the fleet shares one connector; the clients, each with its own kept connection, are per device.
    private static readonly TcpStreamConnector Connector = new(trustedCa: null, TimeSpan.FromSeconds(30));

    private readonly DeviceOptions _options;
    private readonly FolderStorage _storage;
    private readonly ISensor[] _sensors;
    private readonly HostSystemControl _system = new();
    private readonly RandomSource _random;
    private readonly MqttTlsCredentials _credentials;
    private readonly FleetOptions _fleet;
    private readonly LinkConditions _conditions;
    private readonly LatencyHistogram _ackLatency;
    private readonly Action<SimulatedDevice> _wake;

    // The board's HTTP client, one per device: only this device's step uses it, and its connection lasts one download.
    private readonly KeepAliveRangeClient _downloads = new(Connector);
    private FaultInjectingTransport? _link;
    private CountingTransport? _transport;
    private DeviceRuntime? _runtime;
    private volatile bool _rebootRequested;
    private volatile bool _connected;
    private int _buffered;
    private long _dropped;
    private long _failures;
    private volatile string? _lastFailure;

    public SimulatedDevice(int number, FleetContext fleet, Action<SimulatedDevice> wake)
    {
        _fleet = fleet.Options;
        Id = FleetOptions.DeviceIdFor(_fleet.Prefix, number);
        _options = new DeviceOptions { DeviceId = Id, FirmwareVersion = FleetOptions.FactoryFirmwareVersion, Board = FleetOptions.Board, Network = NetworkKind.WiFi };
        _credentials = fleet.Certificates.Load(Id);
        _storage = new FolderStorage(Path.Combine(_fleet.StateFolder, Id));
        _sensors = SimulatedSensors.DefaultSet(_fleet.Seed + (number * 10));
        _random = new RandomSource(_fleet.Seed + number);
        _conditions = fleet.Conditions;
        _ackLatency = fleet.AckLatency;
        _wake = wake;
        _system.RebootRequested += (_, _) => RequestReboot();
        ProvisionReleaseKey(fleet.Certificates.ReleaseKeyPath);
    }

    /// <summary>The device id.</summary>
    public string Id { get; }

    /// <summary>What the device did so far, across reboots.</summary>
    public DeviceCounters Counters { get; } = new();

    /// <summary>Scheduler bookkeeping: the entry in its queue that is current (older entries are stale).</summary>
    internal long ScheduleVersion { get; set; }

    /// <summary>Scheduler bookkeeping: a worker is inside <see cref="Step"/>.</summary>
    internal bool Running { get; set; }

    /// <summary>Scheduler bookkeeping: work arrived while the device was running, so it goes again at once.</summary>
    internal bool WakeRequested { get; set; }

    /// <summary>True while the device has a session (as of its last step).</summary>
    public bool Connected => _connected;

    /// <summary>Readings in its flash buffer (as of its last step).</summary>
    public int Buffered => Volatile.Read(ref _buffered);

    /// <summary>Readings its buffer dropped because it was full, since the flash was new.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Steps that threw (the device carries on after a pause, as DeviceLoop does on the board).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>What the last failed step threw, or null.</summary>
    public string? LastFailure => _lastFailure;

    /// <summary>Reboots done.</summary>
    public int Reboots { get; private set; }

    /// <summary>Publishes on the current session still waiting for their PUBACK.</summary>
    public int InFlight => _transport?.InFlight ?? 0;

    /// <summary>Writes the fleet's schedule into flash as the stored configuration (version 0, so any the cloud sends wins), when one was given.</summary>
    public void StoreScheduleConfig()
    {
        if (_fleet.SampleIntervalSeconds is null && _fleet.UplinkIntervalSeconds is null && _fleet.Mode is null)
        {
            return;
        }

        var config = new DeviceConfig();
        if (_fleet.SampleIntervalSeconds is { } sample)
        {
            foreach (var sensor in _sensors)
            {
                config.SetSampleInterval(sensor.SensorId, sample);
            }
        }

        config.UplinkInterval = _fleet.UplinkIntervalSeconds ?? config.UplinkInterval;
        config.Mode = _fleet.Mode ?? config.Mode;
        var buffer = new byte[ConfigHandler.MaxConfigBytes];
        int length = DeviceConfigCodec.Encode(config, new CborWriter(buffer));
        _storage.Replace(ConfigHandler.FileName, buffer, 0, length);
    }

    /// <summary>Builds and starts a runtime over the device's flash, with the version the loader starts (a firmware update changes it).</summary>
    public void Boot()
    {
        _options.FirmwareVersion = SimulatedLoader.Boot(_storage, FleetOptions.FactoryFirmwareVersion);
        var broker = new MqttClientTransport(ClientOptions(_fleet.BrokerHost, _fleet.BrokerPort));
        _link = new FaultInjectingTransport(broker, () => new MqttClientTransport(ClientOptions("127.0.0.1", DeadPort.Next())), _conditions);
        _transport = new CountingTransport(_link, Counters, _ackLatency);
        _runtime = new DeviceRuntime(_options, new DevicePlatform
        {
            Clock = new SystemClock(),
            Sensors = _sensors,
            Storage = _storage,
            Transport = _transport,
            SystemControl = _system,
            Random = _random,
            Downloads = _downloads,
        });
        _runtime.WorkQueued += OnWorkQueued;
        _runtime.Start();
        Observe();
    }

    /// <summary>Asks for a reboot at the device's next step.</summary>
    public void RequestReboot()
    {
        _rebootRequested = true;
        _wake(this);
    }

    /// <summary>Runs the device once (rebooting first if asked) and returns the milliseconds until it has work again.</summary>
    /// <remarks>Like <see cref="DeviceLoop"/> on the board, a failed step is counted and retried after a pause; it never stops the fleet.</remarks>
    public int Step()
    {
        int wait;
        try
        {
            if (_rebootRequested)
            {
                // Cleared only once the new runtime is up, so a failed boot is tried again after the pause.
                Shutdown();
                Boot();
                _rebootRequested = false;
                Reboots++;
            }

            wait = _runtime!.RunOnce();
            Observe();
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _failures);
            _lastFailure = $"{e.GetType().Name}: {e.Message}";
            wait = DeviceLoop.RetryMilliseconds;
        }

        return wait;
    }

    /// <summary>Closes the session and releases the certificates.</summary>
    public void Dispose()
    {
        Shutdown();
        _credentials.Dispose();
    }

    // Like pulling the power: the session goes, and what was in flight counts as lost (the readings are still in flash).
    private void Shutdown()
    {
        if (_runtime is not null)
        {
            _runtime.WorkQueued -= OnWorkQueued;
        }

        try
        {
            _transport?.Disconnect();
        }
        catch (MqttTransportException)
        {
            // The session was already gone.
        }

        _link?.Dispose();
        _downloads.Close();
        _connected = false;
    }

    // The release public key `nordiciot provision` keeps beside the certificates goes to flash, as nanoff deploys it to I:\.
    private void ProvisionReleaseKey(string key)
    {
        if (File.Exists(key))
        {
            byte[] content = File.ReadAllBytes(key);
            _storage.Replace(OtaOptions.DefaultTrustedKeyFile, content, 0, content.Length);
        }
    }

    private void Observe()
    {
        _connected = _runtime!.Uplink.IsConnected;
        Volatile.Write(ref _buffered, _runtime.Buffer.Count);
        Interlocked.Exchange(ref _dropped, _runtime.Buffer.Dropped);
    }

    private void OnWorkQueued() => _wake(this);

    private MqttClientOptions ClientOptions(string host, int port) => new()
    {
        Host = host,
        Port = port,
        Credentials = _credentials,
        ServerName = _fleet.BrokerHost,
    };
}
