using NordicIoT.Device.Host.Platform;
using NordicIoT.Device.Host.Sensors;
using NordicIoT.Device.Sampling;
using NordicIoT.Device.Storage;
using NordicIoT.Device.Tests.Fakes;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Runtime;

public sealed class AllocationTests
{
    private const int WarmUpHours = 2;
    private const int MeasuredHours = 48;

    [Fact]
    public void Sampling_buffering_and_encoding_allocate_nothing_per_reading_in_steady_state()
    {
        var clock = new SimulatedClock(DeviceHarness.WallStart);
        var buffer = new ReadingBuffer(new PreallocatedFlash(files: 40, fileBytes: ReadingBuffer.MaxSegmentBytes), ReadingBuffer.DefaultCapacityBytes);
        buffer.Open();
        var sampler = new Sampler(SimulatedSensors.DefaultSet(seed: 5), clock, buffer, new DeviceConfig());
        var batch = new ReadingBatch(DeviceOptions.DefaultMaxReadingsPerBatch, 2 * DeviceOptions.DefaultMaxReadingsPerBatch);
        var payload = new byte[DeviceConfigCodec.MaxBatchBytes];
        var writer = new CborWriter(payload);
        sampler.ApplyConfig(clock.UptimeMilliseconds);

        // Hours 1-2 warm up (JIT, the first segment started and deleted); hours 3-50 are measured: 11,520 readings in
        // 192 uplinks, about 50 segments (4 KB of 18-byte records each) started and deleted.
        long measuredFrom = 0;
        for (int hour = 0; hour < WarmUpHours + MeasuredHours; hour++)
        {
            if (hour == WarmUpHours)
            {
                measuredFrom = GC.GetAllocatedBytesForCurrentThread();
            }

            for (int quarter = 0; quarter < 4; quarter++)
            {
                for (int minute = 0; minute < 15; minute++)
                {
                    sampler.SampleDue(clock.UptimeMilliseconds);
                    clock.Advance(TimeSpan.FromMinutes(1));
                }

                // The uplink's path: read the oldest readings, fit them to the cap, encode, remove once acknowledged.
                batch.Clear();
                long first = buffer.FirstSequence;
                buffer.Read(first, batch, batch.Capacity);
                int count = BatchEncoder.CountThatFits(batch, DeviceConfig.DefaultMaxBatchBytes);
                writer.Reset(payload, 0);
                BatchEncoder.Encode(batch, count, writer);
                buffer.RemoveThrough(first + count - 1);
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - measuredFrom;
        const int readings = MeasuredHours * 60 * 4;

        Assert.True(allocated == 0, $"{allocated} bytes allocated for {readings} readings");
        Assert.Equal((WarmUpHours + MeasuredHours) * 60 * 4, buffer.NextSequence);
        Assert.Equal(0, buffer.Count);
    }
}
