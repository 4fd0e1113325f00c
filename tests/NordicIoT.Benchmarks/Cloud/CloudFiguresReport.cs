using System.Globalization;
using NordicIoT.Cloud.DynamoDb;
using NordicIoT.Cloud.Sqlite;
using NordicIoT.Device.Host.Simulation;
using NordicIoT.Testing;

namespace NordicIoT.Benchmarks.Cloud;

/// <summary>The cloud's figures on this machine: ingest throughput into SQLite and dynalite, publish-to-visible latency with 100 devices, twin GET latency at 500 requests/s.</summary>
/// <remarks>Everything runs on this one host (app, Mosquitto, dynalite, the load), so the figures include their competition for the cores.</remarks>
public static class CloudFiguresReport
{
    private const int LatencyDevices = 100;
    private const int GetRate = 500;
    private static readonly int Writers = Math.Max(4, 2 * Environment.ProcessorCount);
    private static readonly TimeSpan IngestDuration = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LatencyDuration = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan GetDuration = TimeSpan.FromSeconds(10);

    public static void Run(TextWriter output) => RunAsync(output).GetAwaiter().GetResult();

    private static async Task RunAsync(TextWriter output)
    {
        Console.Error.WriteLine("cloud: ingest into SQLite ...");
        double sqlite;
        using (var folder = new TempFolder("bench-sqlite"))
        {
            await using var storage = new SqliteCloudStorage(Path.Combine(folder.Path, "bench.db"));
            sqlite = await IngestThroughput.MeasureAsync(storage, Writers, IngestDuration);
        }

        Console.Error.WriteLine("cloud: ingest into dynalite ...");
        double dynamo;
        var dynalite = new DynaliteProcess();
        await dynalite.InitializeAsync();
        try
        {
            await using var storage = new DynamoDbCloudStorage(dynalite.Client, new DynamoDbStorageOptions { TablePrefix = "bench-" });
            dynamo = await IngestThroughput.MeasureAsync(storage, Writers, IngestDuration);
        }
        finally
        {
            await dynalite.DisposeAsync();
        }

        Console.Error.WriteLine($"cloud: {LatencyDevices} devices publishing through Mosquitto into the app ...");
        var devices = Enumerable.Range(1, LatencyDevices).Select(n => $"lat-{n}").ToList();
        LatencyDistribution visible;
        TwinGetLatency.Result gets;
        await using (var bench = await BenchStack.StartAsync(devices))
        {
            visible = await PublishToVisibleLatency.MeasureAsync(bench, devices, LatencyDuration);
            Console.Error.WriteLine($"cloud: twin GET at {GetRate}/s ...");
            gets = await TwinGetLatency.MeasureAsync(bench, devices, GetRate, GetDuration);
        }

        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(c, $"Cloud figures ({Environment.ProcessorCount} cores; app, Mosquitto, dynalite and the load on this one host)"));
        output.WriteLine();
        output.WriteLine("| figure | measured | goal |");
        output.WriteLine("|---|---:|---|");
        output.WriteLine(string.Create(c, $"| ingest into SQLite (IngestPipeline, batches of {IngestThroughput.ReadingsPerBatch}, {Writers} writers) | {sqlite:N0} readings/s | >= 100,000 readings/s |"));
        output.WriteLine(string.Create(c, $"| ingest into dynalite (same) | {dynamo:N0} readings/s | (none; a stand-in, not DynamoDB) |"));
        output.WriteLine(string.Create(c, $"| publish → visible in the API, {LatencyDevices} devices at 1 reading/s, p50 / p99 ({visible.Count} readings) | {Ms(visible.Percentile(50))} / {Ms(visible.Percentile(99))} | p99 <= 500 ms |"));
        output.WriteLine(string.Create(c, $"| twin GET at {GetRate}/s open loop, p50 / p99 ({gets.Latency.Count} requests, {gets.RequestsPerSecond:F0}/s sent, {gets.Failed} failed, {gets.Skipped} skipped) | {Ms(gets.Latency.Percentile(50))} / {Ms(gets.Latency.Percentile(99))} | p99 <= 20 ms |"));
        output.WriteLine();
    }

    private static string Ms(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:F1} ms");
}
