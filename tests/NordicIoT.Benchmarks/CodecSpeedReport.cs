using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace NordicIoT.Benchmarks;

/// <summary>Runs <see cref="CodecBenchmarks"/> with BenchmarkDotNet and prints readings per second and allocation per reading.</summary>
public static class CodecSpeedReport
{
    public static void Run(TextWriter output)
    {
        // In-process: the benchmark needs no generated project (and no extra package restore) to run.
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
        Summary summary = BenchmarkRunner.Run<CodecBenchmarks>(config);

        output.WriteLine();
        output.WriteLine("Codec speed, one core (BenchmarkDotNet, temperature batches of 60 readings)");
        output.WriteLine();
        output.WriteLine("| operation | ns per batch | readings/s | allocated per reading | goal |");
        output.WriteLine("|---|---:|---:|---:|---|");
        foreach (var report in summary.Reports)
        {
            string name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            double nanoseconds = report.ResultStatistics?.Mean ?? double.NaN;
            double perSecond = CodecBenchmarks.ReadingsPerBatch / (nanoseconds / 1e9);
            long allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
            string goal = name == "Encode" ? ">= 30 M/s, 0 B" : ">= 50 M/s";
            output.WriteLine($"| {name} | {nanoseconds:F0} | {perSecond / 1e6:F1} M | {allocated / (double)CodecBenchmarks.ReadingsPerBatch:F1} B | {goal} |");
        }

        output.WriteLine();
    }
}
