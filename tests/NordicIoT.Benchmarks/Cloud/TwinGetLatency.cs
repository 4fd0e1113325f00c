using System.Diagnostics;
using NordicIoT.Device.Host.Simulation;

namespace NordicIoT.Benchmarks.Cloud;

/// <summary>GET /api/devices/{id} (the twin with its latest readings) at a steady request rate, open loop: requests leave on schedule whether or not earlier ones have answered.</summary>
/// <remarks>
/// Latency counts from when a request was due, not when it was sent, so a stalled server shows up in the figure
/// instead of quietly lowering the rate (coordinated omission). Bounded in count, in time and in requests in flight.
/// </remarks>
public static class TwinGetLatency
{
    /// <summary>The result: latencies, the rate achieved, and requests that failed or were not sent because too many were in flight.</summary>
    public sealed record Result(LatencyDistribution Latency, double RequestsPerSecond, long Failed, long Skipped);

    private const int MaxInFlight = 256;

    /// <summary>Sends <paramref name="rate"/> requests a second for <paramref name="duration"/>, round robin over <paramref name="deviceIds"/>, after a short warm-up.</summary>
    public static async Task<Result> MeasureAsync(BenchStack bench, IReadOnlyList<string> deviceIds, int rate, TimeSpan duration)
    {
        await RunAsync(bench, deviceIds, rate, TimeSpan.FromSeconds(2), new LatencyHistogram());
        var latencies = new LatencyHistogram();
        return await RunAsync(bench, deviceIds, rate, duration, latencies);
    }

    private static async Task<Result> RunAsync(BenchStack bench, IReadOnlyList<string> deviceIds, int rate, TimeSpan duration, LatencyHistogram latencies)
    {
        long count = (long)(rate * duration.TotalSeconds);
        long failed = 0, skipped = 0, inFlight = 0;
        var requests = new List<Task>((int)count);
        var clock = Stopwatch.StartNew();
        TimeSpan sent = default;
        var paced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The pacer has a thread of its own: on a thread-pool thread it would take one of the few workers a small
        // machine starts with from the app it measures. It wakes about every millisecond and sends whatever is due;
        // spinning for exact send times would burn a core the app needs, and a late send counts against the app anyway.
        var pacer = new Thread(() =>
        {
            for (long i = 0; i < count;)
            {
                var due = TimeSpan.FromTicks(i * TimeSpan.TicksPerSecond / rate);
                if (due > clock.Elapsed)
                {
                    Thread.Sleep(1);
                    continue;
                }

                if (Interlocked.Read(ref inFlight) >= MaxInFlight)
                {
                    skipped++;
                }
                else
                {
                    Interlocked.Increment(ref inFlight);
                    requests.Add(GetAsync(bench, $"api/devices/{deviceIds[(int)(i % deviceIds.Count)]}", clock, due));
                }

                i++;
            }

            sent = clock.Elapsed;
            paced.SetResult();
        })
        { Name = "GET pacer" };
        pacer.Start();

        // Awaited, not joined: a pool thread blocked here for the whole run would be one fewer for the app.
        await paced.Task;
        await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(30));
        return new Result(latencies.Snapshot(), requests.Count / sent.TotalSeconds, failed, skipped);

        async Task GetAsync(BenchStack bench, string url, Stopwatch clock, TimeSpan due)
        {
            try
            {
                using var response = await bench.Admin.GetAsync(url);
                await response.Content.LoadIntoBufferAsync();
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failed);
            }
            finally
            {
                latencies.Record(clock.Elapsed - due);
                Interlocked.Decrement(ref inFlight);
            }
        }
    }
}
