using NordicIoT.Device.Uplink;
using NordicIoT.Schemas.Messages;
using NordicIoT.Testing;
using Xunit.Abstractions;

namespace NordicIoT.Device.FunctionalTests;

/// <summary>A device draining a backlog loses its connection with a full window of publishes in flight, and recovers.</summary>
/// <remarks>
/// What must hold at the cloud: every reading the broker acknowledged to the device arrives; a reading arrives more
/// than once only where the wire may repeat it (the device re-sent it after losing a PUBACK, or the broker redelivered
/// it to the cloud with DUP set), and with the same values; and, dropping such repeats, each sensor's readings arrive
/// oldest first.
/// </remarks>
public sealed class ConnectionLossTests : IAsyncLifetime
{
    private static readonly int[] Sensors = [SensorKind.Temperature, SensorKind.Humidity, SensorKind.Pressure, SensorKind.Battery];
    private readonly TestBroker _broker = TestBroker.Start();
    private readonly CloudSubscriber _cloud;
    private readonly ITestOutputHelper _output;

    public ConnectionLossTests(ITestOutputHelper output)
    {
        _cloud = new CloudSubscriber(_broker);
        _output = output;
    }

    public async Task InitializeAsync() => Assert.True(await _cloud.EnsureConnectedAsync(), "the cloud identity could not connect: " + _broker.LogTail());

    public async Task DisposeAsync()
    {
        await _cloud.DisposeAsync();
        _broker.Dispose();
    }

    [Fact]
    public async Task Across_a_broker_restart_mid_uplink_every_acknowledged_reading_arrives_once_and_in_order_per_sensor()
    {
        using var device = await DeviceWithBacklogAsync("fn-restart-1");
        int brokerBefore = _broker.ProcessId;

        await DrainWithInterruptionAsync(device, () =>
        {
            _broker.Freeze(false);
            _broker.Restart();
        });

        Assert.NotEqual(brokerBefore, _broker.ProcessId);
        AssertDeliveredOnceInOrder(device);
    }

    [Fact]
    public async Task Across_a_network_cut_mid_uplink_unacknowledged_batches_are_sent_again_and_nothing_is_lost_or_reordered()
    {
        using var device = await DeviceWithBacklogAsync("fn-cut-1");

        // The broker still receives the publishes the device sent before the cut, but their PUBACKs never come back.
        await DrainWithInterruptionAsync(device, () =>
        {
            device.Network.Cut();
            _broker.Freeze(false);
        });

        List<DevicePublish> unacknowledged = device.Log.Publishes.Where(p => p.Connection == 1 && !p.Acknowledged).ToList();
        Assert.Equal(UplinkService.MaxInFlight, unacknowledged.Count);
        List<DevicePublish> unacknowledgedBatches = unacknowledged.Where(p => p.Topic == device.Topics.Batch).ToList();
        Assert.InRange(unacknowledgedBatches.Count, UplinkService.MaxInFlight - 1, UplinkService.MaxInFlight);
        HashSet<string> acknowledged = AcknowledgedKeys(device);
        Assert.All(unacknowledgedBatches.SelectMany(p => WireReading.FromBatch(p.Payload)), r => Assert.Contains(r.Key, acknowledged));
        AssertDeliveredOnceInOrder(device);
    }

    // Small batches, so that an interruption catches several in flight; two hours without network: 480 readings.
    private async Task<FunctionalDevice> DeviceWithBacklogAsync(string id)
    {
        var device = new FunctionalDevice(_broker, id, FunctionalDevice.Config(1, c =>
        {
            c.MaxBatchBytes = 64;
            c.UplinkInterval = 60;
        }));
        device.Network.Down = true;
        await device.Driver.RunUntilAsync(
            () => Task.FromResult(device.Clock.UptimeMilliseconds >= TimeSpan.FromHours(2).TotalMilliseconds),
            TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), () => "offline phase");
        Assert.Equal(120 * Sensors.Length, device.Runtime.Buffer.NextSequence);
        return device;
    }

    // Once a few batches got through, freezes the broker until the device has its whole window of publishes waiting
    // for PUBACKs, then interrupts; runs until the backlog left the device and everything acknowledged reached the cloud.
    private async Task DrainWithInterruptionAsync(FunctionalDevice device, Action interrupt)
    {
        long backlogEnd = device.Runtime.Buffer.NextSequence;
        device.Network.Down = false;
        bool frozen = false;
        bool interrupted = false;
        await device.Driver.RunUntilAsync(
            async () =>
            {
                if (!frozen && Batches(device).Count(p => p.Acknowledged) >= 5)
                {
                    _broker.Freeze(true);
                    frozen = true;
                }

                // Counted from what the transport saw: the runtime may not have handled PUBACKs that already arrived.
                // A state report sent while frozen takes one place of the window, so batches alone may never fill it.
                if (frozen && !interrupted && device.Log.Publishes.Count(p => !p.Acknowledged) == UplinkService.MaxInFlight)
                {
                    interrupt();
                    interrupted = true;
                }

                return interrupted
                    && await _cloud.EnsureConnectedAsync()
                    && device.Runtime.Buffer.FirstSequence >= backlogEnd
                    && AcknowledgedKeys(device).IsSubsetOf(Arrived(device).Select(a => a.Reading.Key));
            },
            TimeSpan.FromMinutes(1),
            TimeSpan.FromSeconds(60),
            () => $"buffer head {device.Runtime.Buffer.FirstSequence} of {backlogEnd}; {device.Log.Publishes.Count} publishes; broker log: {_broker.LogTail()}");
    }

    private void AssertDeliveredOnceInOrder(FunctionalDevice device)
    {
        List<DevicePublish> batches = Batches(device);
        Assert.True(batches.Select(p => p.Connection).Distinct().Count() >= 2, "the device never reconnected");

        // Every reading of the backlog was acknowledged, and everything acknowledged reached the cloud.
        HashSet<string> acknowledged = AcknowledgedKeys(device);
        long start = FunctionalDevice.WallStart.ToUnixTimeSeconds();
        Assert.All(Sensors, sensor => Assert.All(Enumerable.Range(0, 120), minute => Assert.Contains($"{sensor}@{start + (60 * minute)}", acknowledged)));
        List<(WireReading Reading, bool Duplicate)> arrived = Arrived(device);
        Assert.Subset(arrived.Select(a => a.Reading.Key).ToHashSet(), acknowledged);

        Dictionary<string, int> sentByDevice = batches.SelectMany(p => WireReading.FromBatch(p.Payload)).CountBy(r => r.Key).ToDictionary();
        Dictionary<string, int> redelivered = arrived.Where(a => a.Duplicate).CountBy(a => a.Reading.Key).ToDictionary();
        foreach (IGrouping<string, (WireReading Reading, bool Duplicate)> copies in arrived.GroupBy(a => a.Reading.Key))
        {
            int allowed = sentByDevice[copies.Key] + redelivered.GetValueOrDefault(copies.Key);
            Assert.True(copies.Count() <= allowed, $"{copies.Key} arrived {copies.Count()} times; the device sent it {sentByDevice[copies.Key]} times");
            Assert.Single(copies.Select(c => c.Reading.Values).Distinct());
        }

        var seen = new HashSet<string>();
        foreach (IGrouping<int, WireReading> sensor in arrived.Select(a => a.Reading).Where(r => seen.Add(r.Key)).GroupBy(r => r.Sensor))
        {
            long[] times = sensor.Select(r => r.Time).ToArray();
            Assert.True(times.Zip(times.Skip(1)).All(pair => pair.First < pair.Second), $"sensor {sensor.Key} arrived out of order: {string.Join(", ", times)}");
        }

        _output.WriteLine(
            $"{batches.Count} batch publishes over {batches.Select(p => p.Connection).Distinct().Count()} connections, "
            + $"{batches.Count(p => !p.Acknowledged)} without PUBACK; {arrived.Count} readings arrived, {seen.Count} distinct, "
            + $"{arrived.Count(a => a.Duplicate)} in broker redeliveries");
    }

    private static List<DevicePublish> Batches(FunctionalDevice device) => device.Log.Publishes.Where(p => p.Topic == device.Topics.Batch).ToList();

    private static HashSet<string> AcknowledgedKeys(FunctionalDevice device) =>
        Batches(device).Where(p => p.Acknowledged).SelectMany(p => WireReading.FromBatch(p.Payload)).Select(r => r.Key).ToHashSet();

    private List<(WireReading Reading, bool Duplicate)> Arrived(FunctionalDevice device) =>
        _cloud.Received
            .Where(m => m.Topic == device.Topics.Batch)
            .SelectMany(m => WireReading.FromBatch(m.Payload).Select(r => (r, m.Duplicate)))
            .ToList();
}
