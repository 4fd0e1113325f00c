using NordicIoT.Device.Configuration;
using NordicIoT.Device.Host.Platform;
using NordicIoT.Device.Host.Sensors;
using NordicIoT.Device.Ota;
using NordicIoT.Device.Platform;
using NordicIoT.Device.Tests.Fakes;
using NordicIoT.Device.Tests.Storage;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Runtime;

/// <summary>A device runtime on a simulated clock, in-memory flash and a fake broker; it can reboot over the same flash.</summary>
internal sealed class DeviceHarness : IOfferHandler
{
    public const string DeviceId = "dev-42";

    public static readonly DateTimeOffset WallStart = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public DeviceHarness(Func<SimulatedClock, ISensor[]>? sensors = null, bool clockValid = true, IRandomSource? random = null)
    {
        Clock = clockValid ? new SimulatedClock(WallStart) : new SimulatedClock();
        Sensors = sensors?.Invoke(Clock) ?? SimulatedSensors.DefaultSet(seed: 7);
        Broker = new FakeBroker { Clock = () => Clock.UptimeMilliseconds };
        Random = random ?? FixedRandom.Lowest;
        Topics = new Topics(DeviceId);
    }

    public SimulatedClock Clock { get; }

    public FlashFake Flash { get; } = new();

    public FakeBroker Broker { get; }

    public HostSystemControl SystemControl { get; } = new();

    public ISensor[] Sensors { get; }

    public IRandomSource Random { get; }

    public Topics Topics { get; }

    public DeviceOptions Options { get; } = new()
    {
        DeviceId = DeviceId,
        FirmwareVersion = "1.2.3",
        Board = "ESP32_PSRAM_REV3",
        Network = NetworkKind.LteM,
    };

    public List<byte[]> Offers { get; } = [];

    public DeviceRuntime Runtime { get; private set; } = null!;

    /// <summary>Creates and starts a runtime over the flash (again, after a "reboot").</summary>
    public DeviceHarness Boot()
    {
        Runtime = new DeviceRuntime(Options, new DevicePlatform
        {
            Clock = Clock,
            Sensors = Sensors,
            Storage = Flash,
            Transport = Broker.CreateTransport(),
            SystemControl = SystemControl,
            Random = Random,
            OfferHandler = this,
        });
        Runtime.Start();
        return this;
    }

    /// <summary>Runs the device for <paramref name="span"/> of simulated time, moving the clock as far as each RunOnce asks.</summary>
    public void RunFor(TimeSpan span)
    {
        long end = Clock.UptimeMilliseconds + (long)span.TotalMilliseconds;
        int stepsWithoutTime = 0;
        while (true)
        {
            int wait = Runtime.RunOnce();
            long left = end - Clock.UptimeMilliseconds;
            if (left <= 0)
            {
                return;
            }

            if (wait == 0)
            {
                // Work without the clock moving must end: a runtime that keeps asking to run again at once is stuck.
                Assert.True(++stepsWithoutTime < 10_000, "RunOnce keeps returning 0 without the clock moving");
                continue;
            }

            stepsWithoutTime = 0;
            Clock.Advance(Math.Min(wait, left));
        }
    }

    /// <summary>Puts a configuration in flash, as if applied before the last reboot.</summary>
    public DeviceHarness StoreConfig(byte[] config)
    {
        Flash.Replace(ConfigHandler.FileName, config, 0, config.Length);
        return this;
    }

    /// <summary>One RunOnce, without moving the clock.</summary>
    public int Step() => Runtime.RunOnce();

    /// <summary>Encodes a configuration built by <paramref name="build"/> from the defaults.</summary>
    public static byte[] Config(long version, Action<DeviceConfig>? build = null)
    {
        var config = new DeviceConfig { Version = version };
        build?.Invoke(config);
        var buffer = new byte[1024];
        var writer = new CborWriter(buffer);
        int length = DeviceConfigCodec.Encode(config, writer);
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>The readings in the device's buffer, oldest first.</summary>
    public List<Reading> BufferedReadings()
    {
        var readings = new List<Reading>();
        var batch = new ReadingBatch(256, 256 * SensorKind.MaxDimensions);
        long sequence = Runtime.Buffer.FirstSequence;
        while (true)
        {
            batch.Clear();
            int read = Runtime.Buffer.Read(sequence, batch, int.MaxValue);
            if (read == 0)
            {
                return readings;
            }

            readings.AddRange(ReadingsOf(batch));
            sequence += read;
        }
    }

    /// <summary>Batch publishes received so far.</summary>
    public List<ReceivedPublish> Batches() => Broker.Published.Where(p => p.Topic == Topics.Batch).ToList();

    /// <summary>State reports received so far, decoded.</summary>
    public List<StateReport> StateReports() => Broker.Published.Where(p => p.Topic == Topics.State).Select(p => DecodeState(p.Payload)).ToList();

    /// <summary>The readings of one batch publish, in the decoder's order (by sensor, then time).</summary>
    public static List<Reading> DecodeBatch(byte[] payload)
    {
        var batch = new ReadingBatch(4096, 4096 * SensorKind.MaxDimensions);
        BatchDecoder.Decode(new CborReader(payload, 0, payload.Length), batch);
        return ReadingsOf(batch).ToList();
    }

    private static IEnumerable<Reading> ReadingsOf(ReadingBatch batch)
    {
        for (int i = 0; i < batch.Count; i++)
        {
            int dims = SensorKind.Dimensions(batch.Sensors[i]);
            yield return new Reading(batch.Sensors[i], batch.Times[i], batch.Values.AsSpan(batch.ValueStarts[i], dims).ToArray());
        }
    }

    /// <summary>Every reading delivered in batch publishes, in publish order.</summary>
    public List<Reading> DeliveredReadings() => Batches().SelectMany(p => DecodeBatch(p.Payload)).ToList();

    public static StateReport DecodeState(byte[] payload)
    {
        var report = new StateReport();
        StateReportCodec.Decode(new CborReader(payload, 0, payload.Length), report);
        return report;
    }

    void IOfferHandler.OnOffer(byte[] payload) => Offers.Add(payload);
}
