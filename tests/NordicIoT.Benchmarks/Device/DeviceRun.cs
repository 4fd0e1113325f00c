using NordicIoT.Device;
using NordicIoT.Device.Host.Platform;
using NordicIoT.Device.Host.Sensors;
using NordicIoT.Device.Platform;

namespace NordicIoT.Benchmarks.Device;

/// <summary>One device runtime with the default profile on a simulated clock, in-memory flash and a counting broker stand-in.</summary>
public sealed class DeviceRun
{
    /// <summary>A realistic id length: topics carry it in every publish.</summary>
    public const string DeviceId = "dev-0042";

    public DeviceRun()
    {
        Clock = new SimulatedClock(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        Transport = new WireCountingTransport(Clock);
        Runtime = new DeviceRuntime(
            new DeviceOptions { DeviceId = DeviceId, FirmwareVersion = "1.0.0", Board = "ESP32_PSRAM_REV3", Network = NetworkKind.LteM },
            new DevicePlatform
            {
                Clock = Clock,
                Sensors = SimulatedSensors.DefaultSet(seed: 7),
                Storage = new MemoryFlash(),
                Transport = Transport,
                SystemControl = new HostSystemControl(),
                Random = new RandomSource(1),
            });
        Runtime.Start();
    }

    public SimulatedClock Clock { get; }

    public WireCountingTransport Transport { get; }

    public DeviceRuntime Runtime { get; }

    /// <summary>Runs the device for <paramref name="span"/> of simulated time, moving the clock as far as each RunOnce asks.</summary>
    public void RunFor(TimeSpan span)
    {
        long end = Clock.UptimeMilliseconds + (long)span.TotalMilliseconds;
        while (true)
        {
            int wait = Runtime.RunOnce();
            long left = end - Clock.UptimeMilliseconds;
            if (left <= 0)
            {
                return;
            }

            if (wait > 0)
            {
                Clock.Advance(Math.Min(wait, left));
            }
        }
    }
}
