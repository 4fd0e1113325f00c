using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Host.Simulation;

/// <summary>What a <see cref="FleetSimulator"/> runs: how many devices, which broker and certificates, their schedule, and the faults to inject.</summary>
public sealed class FleetOptions
{
    /// <summary>The device id prefix when none is given; provisioning numbers devices the same way.</summary>
    public const string DefaultPrefix = "sim-";

    /// <summary>Most devices one simulator runs.</summary>
    public const int MaxDevices = 100_000;

    /// <summary>The board target simulated devices report; a release must name it to be offered to them.</summary>
    public const string Board = "simulator";

    /// <summary>The firmware version simulated devices run until an update installs another.</summary>
    public const string FactoryFirmwareVersion = "0.0.0-sim";

    /// <summary>Number of devices, named <see cref="DeviceIdFor"/>(prefix, 1..N).</summary>
    public required int Devices { get; init; }

    /// <summary>Device ids are this prefix followed by 1..N.</summary>
    public string Prefix { get; init; } = DefaultPrefix;

    /// <summary>The broker's host name or address.</summary>
    public required string BrokerHost { get; init; }

    /// <summary>The broker's TLS port.</summary>
    public required int BrokerPort { get; init; }

    /// <summary>The project's certificate folder (ca.crt, devices/ID.crt and devices/ID.key).</summary>
    public required string CertificateFolder { get; init; }

    /// <summary>Each device keeps its flash (reading buffer, configuration) in a sub-folder named by its id; reuse it to resume.</summary>
    public required string StateFolder { get; init; }

    /// <summary>Seconds between samples of each default sensor; null keeps what the device has (default 60 s).</summary>
    public int? SampleIntervalSeconds { get; init; }

    /// <summary>Seconds between uplinks; null keeps what the device has (default 900 s).</summary>
    public int? UplinkIntervalSeconds { get; init; }

    /// <summary>Link use between uplinks; null keeps what the device has (normal).</summary>
    public DeviceMode? Mode { get; init; }

    /// <summary>Outages and reboots to inject, relative to the start of the run.</summary>
    public IReadOnlyList<ScheduledFault> Faults { get; init; } = [];

    /// <summary>Threads that drive all devices (not one per device); each RunOnce may block on a TLS handshake, so a few more than cores.</summary>
    public int WorkerThreads { get; init; } = DefaultWorkerThreads;

    /// <summary>Seed for the simulated sensors and backoff jitter, so runs can be repeated.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The time over which the first connects are spread, so a fleet does not open every TLS session in the same millisecond.</summary>
    public TimeSpan StartSpread { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The id of device number <paramref name="number"/> (from 1).</summary>
    public static string DeviceIdFor(string prefix, int number) => prefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The ids of all devices, in order.</summary>
    public IEnumerable<string> DeviceIds() => Enumerable.Range(1, Devices).Select(n => DeviceIdFor(Prefix, n));

    /// <summary>The default for <see cref="WorkerThreads"/>.</summary>
    public static int DefaultWorkerThreads => Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>Throws <see cref="ArgumentException"/> saying which setting is missing or out of range, in words a command line can show as they are.</summary>
    public void Validate()
    {
        if (Devices is < 1 or > MaxDevices)
        {
            throw new ArgumentException($"The number of devices must be 1..{MaxDevices}, not {Devices}.");
        }

        if (!Topics.IsValidDeviceId(DeviceIdFor(Prefix, Devices)))
        {
            throw new ArgumentException(
                $"The prefix '{Prefix}' does not make valid device ids: an id is 1..{Topics.MaxDeviceIdLength} characters of A-Z, a-z, 0-9, '_' and '-'.");
        }

        Require(BrokerHost, "broker host");
        if (BrokerPort is < 1 or > 65535)
        {
            throw new ArgumentException($"The broker port must be 1..65535, not {BrokerPort}.");
        }

        Require(CertificateFolder, "certificate folder");
        Require(StateFolder, "state folder");
        CheckRange(SampleIntervalSeconds, 1, DeviceConfigCodec.MaxSampleInterval, "sample interval");
        CheckRange(UplinkIntervalSeconds, DeviceConfigCodec.MinUplinkInterval, DeviceConfigCodec.MaxUplinkInterval, "uplink interval");
        if (WorkerThreads < 1)
        {
            throw new ArgumentException($"The number of worker threads must be at least 1, not {WorkerThreads}.");
        }
    }

    private static void Require(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The {what} is missing.");
        }
    }

    private static void CheckRange(int? value, int min, int max, string what)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw new ArgumentException($"The {what} must be {min}..{max} seconds, not {v}.");
        }
    }
}
