using System.Diagnostics;
using NordicIoT.Device.Host.Simulation;
using NordicIoT.Schemas.Messages;
using NordicIoT.Testing;

namespace NordicIoT.Benchmarks.Device;

/// <summary>How many simulated devices one process drives at one uplink per device per second against a local Mosquitto with mutual TLS.</summary>
/// <remarks>
/// Each step runs a fleet in live mode sampling every second (one batch publish per device per second), waits until
/// every device is connected, then measures a window: acknowledged publishes per second against the target, PUBACK
/// latency, how late the workers ran devices, and CPU of this process and of Mosquitto. The ramp stops at the first
/// step that falls behind: under 95 % of the target, devices run more than a second late (p99), or not all connected.
/// Every device keeps its flash in a folder (a file append per reading, an atomic replace per PUBACK), so the ramp runs
/// twice: with those folders on the disk and in RAM (/dev/shm), to show which of the two limits the simulator.
/// </remarks>
public static class SimulatorScaleReport
{
    private const string RamFolder = "/dev/shm";
    private static readonly int[] Steps = [250, 500, 1000, 1500, 2000, 3000, 4000, 6000, 8000];
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(90);

    public static void Print(TextWriter output)
    {
        using var broker = TestBroker.Start();
        var rows = new List<string>();
        rows.AddRange(Ramp(broker, "disk", Path.GetTempPath()));
        if (Directory.Exists(RamFolder))
        {
            rows.AddRange(Ramp(broker, "RAM", RamFolder));
        }

        output.WriteLine($"Simulator scale: one process on {Environment.ProcessorCount} cores with {FleetOptions.DefaultWorkerThreads} worker threads, local Mosquitto with mutual TLS (ECDSA P-256); one batch publish per device per second, {Window.TotalSeconds:0} s windows");
        output.WriteLine();
        output.WriteLine("| device flash folders | devices = target publishes/s | achieved publishes/s | ack p50 | ack p99 | devices run late p99 | simulator CPU | Mosquitto CPU | keeps up |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            output.WriteLine(row);
        }

        output.WriteLine();
    }

    private static IEnumerable<string> Ramp(TestBroker broker, string storage, string stateRoot)
    {
        foreach (int devices in Steps)
        {
            for (int n = 1; n <= devices; n++)
            {
                if (!File.Exists(Path.Combine(broker.Certificates.RootDirectory, "devices", FleetOptions.DeviceIdFor(FleetOptions.DefaultPrefix, n) + ".crt")))
                {
                    broker.Certificates.IssueDeviceCertificate(FleetOptions.DeviceIdFor(FleetOptions.DefaultPrefix, n));
                }
            }

            var (row, keepsUp) = Measure(broker, devices, storage, stateRoot);
            Console.Error.WriteLine(row);
            yield return row;
            if (!keepsUp)
            {
                yield break;
            }
        }
    }

    private static (string Row, bool KeepsUp) Measure(TestBroker broker, int devices, string storage, string stateRoot)
    {
        string state = Directory.CreateDirectory(Path.Combine(stateRoot, $"nordiciot-scale-{Guid.NewGuid():N}")).FullName;
        try
        {
            using var fleet = new FleetSimulator(new FleetOptions
            {
                Devices = devices,
                BrokerHost = "127.0.0.1",
                BrokerPort = broker.Port,
                CertificateFolder = broker.Certificates.RootDirectory,
                StateFolder = state,
                SampleIntervalSeconds = 1,
                Mode = DeviceMode.Live,

                // New TLS sessions cost the most CPU: open them at about 250 a second, as a fleet coming back would.
                StartSpread = TimeSpan.FromSeconds(devices / 250.0),
            });
            fleet.Start();
            var connecting = Stopwatch.StartNew();
            while (fleet.Snapshot().Connected < devices && connecting.Elapsed < ConnectTimeout)
            {
                Thread.Sleep(200);
            }

            // Let the connect burst settle before measuring.
            Thread.Sleep(TimeSpan.FromSeconds(3));
            using var self = Process.GetCurrentProcess();
            using var mosquitto = Process.GetProcessById(broker.ProcessId);
            var selfCpu = self.TotalProcessorTime;
            var brokerCpu = mosquitto.TotalProcessorTime;
            var start = fleet.Snapshot();
            Thread.Sleep(Window);
            var end = fleet.Snapshot();
            self.Refresh();
            mosquitto.Refresh();
            double seconds = (end.Elapsed - start.Elapsed).TotalSeconds;
            double selfCores = (self.TotalProcessorTime - selfCpu).TotalSeconds / seconds;
            double brokerCores = (mosquitto.TotalProcessorTime - brokerCpu).TotalSeconds / seconds;
            fleet.Stop(TimeSpan.FromSeconds(5));

            double achieved = (end.Acknowledged - start.Acknowledged) / seconds;
            var latency = end.AckLatency.Since(start.AckLatency);
            var lateness = end.Lateness.Since(start.Lateness);
            bool keepsUp = achieved >= 0.95 * devices && lateness.Percentile(99) < TimeSpan.FromSeconds(1) && end.Connected == devices;
            string row = $"| {storage} | {devices:N0} | {achieved:N0} | {Ms(latency.Percentile(50))} | {Ms(latency.Percentile(99))} | " +
                $"{Ms(lateness.Percentile(99))} | {selfCores:F2} cores | {brokerCores:F2} cores | {(keepsUp ? "yes" : $"no ({end.Connected:N0} connected)")} |";
            return (row, keepsUp);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:F1} ms";
}
