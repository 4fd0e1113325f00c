namespace NordicIoT.Benchmarks.Device;

/// <summary>The device figures of the benchmark command: bytes on the wire per day, heap allocation per reading, simulator scale.</summary>
public static class DeviceFiguresReport
{
    public static void Run(TextWriter output)
    {
        DeviceWireReport.Print(output);
        AllocationReport.Print(output);
        SimulatorScaleReport.Print(output);
    }
}
