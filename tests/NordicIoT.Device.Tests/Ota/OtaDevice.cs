using NordicIoT.Device.Host.Ota;
using NordicIoT.Device.Host.Platform;
using NordicIoT.Device.Host.Sensors;
using NordicIoT.Device.Ota;
using NordicIoT.Device.Ota.AppSets;
using NordicIoT.Device.Ota.Http;
using NordicIoT.Device.Platform;
using NordicIoT.Device.Tests.Fakes;
using NordicIoT.Device.Tests.Runtime;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Ota;

/// <summary>A device with the OTA agent on a simulated clock, fake flash and broker, downloading over real HTTP from a <see cref="RangeFileServer"/>.</summary>
/// <remarks>
/// A reboot (asked for by the agent through ISystemControl, or by the test) is done as on the host simulator: the
/// runtime and its session are thrown away, <see cref="SimulatedLoader"/> picks the set over the same flash, and a new
/// runtime starts with the version it returns.
/// </remarks>
internal sealed class OtaDevice : IDisposable
{
    public const string DeviceId = "ota-7";
    public const string Board = "ESP32_PSRAM_REV3";
    public const string FactoryVersion = "1.0.0";


    private KeepAliveRangeClient? _downloads;
    private FakeTransport? _transport;
    private int _rebootsSeen;

    public OtaDevice(ReleaseKey key)
    {
        Clock = new SimulatedClock(DeviceHarness.WallStart);
        Broker = new FakeBroker { Clock = () => Clock.UptimeMilliseconds };
        Topics = new Topics(DeviceId);
        Flash.Replace(OtaOptions.DefaultTrustedKeyFile, key.PublicPoint, 0, key.PublicPoint.Length);
        Storage = Flash;
    }

    public SimulatedClock Clock { get; }

    /// <summary>Simulated time a step that asks to run again at once takes: a download fragment's time on the link.</summary>
    public int StepMilliseconds { get; set; } = 50;

    /// <summary>The storage the runtime sees; tests may wrap <see cref="Flash"/> to watch it.</summary>
    public IFileStorage Storage { get; set; }

    /// <summary>What the device's downloads cost on the wire.</summary>
    public WireCounter Wire { get; } = new(TimeSpan.FromSeconds(10));

    public FlashFake Flash { get; } = new();

    public FakeBroker Broker { get; }

    public HostSystemControl SystemControl { get; } = new();

    public Topics Topics { get; }

    public DeviceOptions Options { get; } = new()
    {
        DeviceId = DeviceId,
        FirmwareVersion = FactoryVersion,
        Board = Board,
    };

    public DeviceRuntime Runtime { get; private set; } = null!;

    /// <summary>Boots done, the first one included.</summary>
    public int Boots { get; private set; }

    public OtaAgent Agent => Runtime.Ota;

    /// <summary>Boots through the simulated loader over the flash.</summary>
    public OtaDevice Boot()
    {
        Options.FirmwareVersion = SimulatedLoader.Boot(Storage, FactoryVersion);
        _transport = Broker.CreateTransport();
        _downloads = new KeepAliveRangeClient(Wire);
        Runtime = new DeviceRuntime(Options, new DevicePlatform
        {
            Clock = Clock,
            Sensors = SimulatedSensors.DefaultSet(seed: 3),
            Storage = Storage,
            Transport = _transport,
            SystemControl = SystemControl,
            Random = FixedRandom.Lowest,
            Downloads = _downloads,
        });
        Runtime.Start();
        Boots++;
        return this;
    }

    /// <summary>Power off and on: the session drops, the loader chooses, a new runtime starts.</summary>
    public void Reboot()
    {
        _transport?.Disconnect();
        _downloads?.Close();
        Boot();
    }

    /// <summary>Publishes a retained offer on the device's firmware topic, as the cloud does.</summary>
    public void Offer(byte[] offer) => Broker.PublishRetained(Topics.Offer, offer);

    /// <summary>Runs until <paramref name="done"/> holds or <paramref name="limit"/> of simulated time passed; reboots when the agent asks for it.</summary>
    public bool RunUntil(Func<OtaDevice, bool> done, TimeSpan limit)
    {
        long end = Clock.UptimeMilliseconds + (long)limit.TotalMilliseconds;
        while (Clock.UptimeMilliseconds < end)
        {
            int wait = Runtime.RunOnce();
            if (SystemControl.RebootRequests > _rebootsSeen)
            {
                _rebootsSeen = SystemControl.RebootRequests;
                Reboot();
            }

            if (done(this))
            {
                return true;
            }

            long left = end - Clock.UptimeMilliseconds;
            Clock.Advance(Math.Min(wait == 0 ? StepMilliseconds : wait, left));
        }

        return done(this);
    }

    /// <summary>Runs for <paramref name="span"/> of simulated time.</summary>
    public void RunFor(TimeSpan span) => RunUntil(_ => false, span);

    /// <summary>The OTA progress of every state report that carried one, in publish order.</summary>
    public List<OtaProgress> OtaReports() =>
        Broker.Published.Where(p => p.Topic == Topics.State).Select(p => DeviceHarness.DecodeState(p.Payload)).Where(s => s.Ota is not null).Select(s => s.Ota).ToList();

    /// <summary>The latest OTA progress the broker received.</summary>
    public OtaProgress? LastReport => OtaReports().LastOrDefault();

    /// <summary>The firmware versions reported, in publish order.</summary>
    public List<string> ReportedVersions() =>
        Broker.Published.Where(p => p.Topic == Topics.State).Select(p => DeviceHarness.DecodeState(p.Payload).FirmwareVersion).Where(v => v is not null).ToList();

    /// <summary>True once the broker got a report with <paramref name="status"/>.</summary>
    public bool Reported(OtaStatus status) => OtaReports().Any(r => r.Status == status);

    /// <summary>The slot the loader treats as confirmed.</summary>
    public string CurrentSlot => BootSelector.CurrentSlot(Flash);

    /// <summary>Files whose names start with the OTA prefix.</summary>
    public string[] OtaFiles() => Flash.List().Where(n => n.StartsWith(AppSetNames.Prefix, StringComparison.Ordinal)).Order().ToArray();

    /// <summary>Reads a whole file off the flash.</summary>
    public byte[] ReadFile(string name)
    {
        var content = new byte[Flash.Length(name)];
        Flash.Read(name, 0, content, 0, content.Length);
        return content;
    }

    public void Dispose() => _downloads?.Close();
}
