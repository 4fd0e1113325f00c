using System.Globalization;
using NordicIoT.Device.Host.Simulation;

namespace NordicIoT.Cli.Output;

/// <summary>How a simulated fleet's totals are shown: a one-line status while it runs and "name: value" lines at the end.</summary>
public static class FleetReport
{
    /// <summary>The live status line.</summary>
    public static string Status(FleetSnapshot s) => string.Create(
        CultureInfo.InvariantCulture,
        $"{s.Elapsed:hh\\:mm\\:ss} connected {s.Connected}/{s.Devices}  published {s.Published}  acknowledged {s.Acknowledged}  " +
        $"buffered {s.Buffered}  dropped {s.Dropped}  ack p99 {Milliseconds(s.AckLatency.Percentile(99))}");

    /// <summary>The totals as "name: value" lines, for people and scripts.</summary>
    public static IEnumerable<string> Summary(FleetSnapshot s)
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Create(c, $"devices: {s.Devices}");
        yield return string.Create(c, $"duration: {s.Elapsed.TotalSeconds:F1} s");
        yield return string.Create(c, $"connects: {s.Connects}");
        yield return string.Create(c, $"connect failures: {s.ConnectFailures}");
        yield return string.Create(c, $"published: {s.Published}");
        yield return string.Create(c, $"acknowledged: {s.Acknowledged}");
        yield return string.Create(c, $"lost: {s.Lost}");
        yield return string.Create(c, $"buffered: {s.Buffered}");
        yield return string.Create(c, $"dropped: {s.Dropped}");
        yield return string.Create(c, $"reboots: {s.Reboots}");
        yield return string.Create(c, $"ack latency p50: {Milliseconds(s.AckLatency.Percentile(50))}");
        yield return string.Create(c, $"ack latency p99: {Milliseconds(s.AckLatency.Percentile(99))}");
        yield return string.Create(c, $"scheduling lateness p99: {Milliseconds(s.Lateness.Percentile(99))}");
    }

    private static string Milliseconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:F1} ms");
}
