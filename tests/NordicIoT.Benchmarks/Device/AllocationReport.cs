using NordicIoT.Device.Storage;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Benchmarks.Device;

/// <summary>Managed heap bytes allocated per reading in steady state along sample → flash buffer → batch encode → publish, on a simulated clock.</summary>
/// <remarks>
/// The device has ~100 KB of heap and no generational GC worth the name: anything allocated per reading becomes a
/// collection pause. Measured with GC.GetAllocatedBytesForCurrentThread around long runs after a warm-up (JIT, first
/// segments, buffers sized), everything on this thread.
/// </remarks>
public static class AllocationReport
{
    private const int BufferReadings = 60;

    public static void Print(TextWriter output)
    {
        var runtime = Runtime();
        var buffer = BufferCycle();
        var encode = Encode();

        output.WriteLine("Device heap allocation per reading in steady state (host, simulated clock; goal 0 B)");
        output.WriteLine();
        output.WriteLine("| path | readings measured | bytes allocated | per reading |");
        output.WriteLine("|---|---:|---:|---:|");
        Row(output, "whole runtime, 7 simulated days: sample, buffer, encode, publish, PUBACK, state", runtime);
        Row(output, "flash buffer only: Append, Read into a batch, RemoveThrough", buffer);
        Row(output, "BatchEncoder.Encode of 60-reading batches", encode);
        output.WriteLine();
    }

    private static (long Readings, long Bytes) Runtime()
    {
        var run = new DeviceRun();
        run.RunFor(TimeSpan.FromDays(2));
        long firstReading = run.Runtime.Buffer.NextSequence;
        long before = GC.GetAllocatedBytesForCurrentThread();
        run.RunFor(TimeSpan.FromDays(7));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return (run.Runtime.Buffer.NextSequence - firstReading, allocated);
    }

    private static (long Readings, long Bytes) BufferCycle()
    {
        var buffer = new ReadingBuffer(new MemoryFlash(), ReadingBuffer.DefaultCapacityBytes);
        buffer.Open();
        var batch = new ReadingBatch(BufferReadings, BufferReadings);
        var values = new int[SensorKind.MaxDimensions];
        long time = 1_770_000_000;
        void Cycle(int rounds)
        {
            for (int round = 0; round < rounds; round++)
            {
                for (int i = 0; i < BufferReadings; i++)
                {
                    values[0] = 2100 + (i % 7);
                    buffer.Append(SensorKind.Temperature, time++, values, 0);
                }

                batch.Clear();
                long first = buffer.FirstSequence;
                int read = buffer.Read(first, batch, BufferReadings);
                buffer.RemoveThrough(first + read - 1);
            }
        }

        Cycle(200);
        long before = GC.GetAllocatedBytesForCurrentThread();
        const int Rounds = 5_000;
        Cycle(Rounds);
        return ((long)Rounds * BufferReadings, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static (long Readings, long Bytes) Encode()
    {
        var batch = SampleData.TemperatureReadings(SampleData.RandomWalkDay(seed: 7)[..BufferReadings], SampleData.FixTime);
        var writer = new CborWriter(new byte[1024]);
        void Run(int rounds)
        {
            for (int i = 0; i < rounds; i++)
            {
                writer.Reset(writer.Buffer, 0);
                BatchEncoder.Encode(batch, batch.Count, writer);
            }
        }

        Run(1_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        const int Rounds = 100_000;
        Run(Rounds);
        return ((long)Rounds * BufferReadings, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Row(TextWriter output, string path, (long Readings, long Bytes) measured) =>
        output.WriteLine($"| {path} | {measured.Readings:N0} | {measured.Bytes:N0} B | {measured.Bytes / (double)measured.Readings:F3} B |");
}
