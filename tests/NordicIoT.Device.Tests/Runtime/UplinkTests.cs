using NordicIoT.Device.Tests.Fakes;
using NordicIoT.Device.Tests.Storage;
using NordicIoT.Device.Uplink;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Runtime;

public sealed class UplinkTests
{
    [Fact]
    public void Connects_as_its_device_id_with_a_clean_session_and_the_1200_s_keep_alive_and_subscribes_to_config_and_offers()
    {
        DeviceHarness device = new DeviceHarness().Boot();
        device.Step();

        Assert.Equal((DeviceHarness.DeviceId, true, 1200), device.Broker.LastConnect);
        Assert.Equal([device.Topics.Config, device.Topics.Offer], device.Broker.Subscriptions);
    }

    [Fact]
    public void After_a_reconnect_the_state_report_comes_first_then_past_readings_oldest_first()
    {
        DeviceHarness device = OfflineFor(TimeSpan.FromMinutes(30));
        List<Reading> offline = device.BufferedReadings();
        Assert.Equal(31 * 4, offline.Count);

        device.Broker.RefuseConnections = false;
        device.RunFor(TimeSpan.FromMinutes(5));

        IReadOnlyList<ReceivedPublish> published = device.Broker.Published;
        Assert.Equal(device.Topics.State, published[0].Topic);
        Assert.All(published.Skip(1), p => Assert.Equal(device.Topics.Batch, p.Topic));
        Assert.Equal(PerSensor(offline), PerSensor(device.DeliveredReadings()));

        // Readings taken after the reconnect wait for the next uplink.
        Assert.Equal(offline.Count, device.Runtime.Buffer.FirstSequence);
    }

    [Fact]
    public void Every_batch_fits_the_configured_cap_and_all_readings_arrive_once()
    {
        DeviceHarness device = OfflineFor(TimeSpan.FromMinutes(30), DeviceHarness.Config(1, c => c.MaxBatchBytes = 64));
        List<Reading> offline = device.BufferedReadings();

        device.Broker.RefuseConnections = false;
        device.RunFor(TimeSpan.FromMinutes(5));

        List<ReceivedPublish> batches = device.Batches();
        Assert.True(batches.Count > 5, $"{offline.Count} readings in only {batches.Count} batches of 64 bytes");
        Assert.All(batches, b => Assert.InRange(b.Payload.Length, 1, 64));
        Assert.Equal(PerSensor(offline), PerSensor(device.DeliveredReadings()));
    }

    [Fact]
    public void At_most_four_publishes_wait_for_their_puback()
    {
        DeviceHarness device = OfflineFor(TimeSpan.FromMinutes(30), DeviceHarness.Config(1, c => c.MaxBatchBytes = 64));
        device.Broker.AutoAcknowledge = false;
        device.Broker.RefuseConnections = false;

        device.RunFor(TimeSpan.FromSeconds(2));
        Assert.Equal(UplinkService.MaxInFlight, device.Broker.Unacknowledged);
        Assert.Equal(4, device.Broker.Published.Count);

        while (device.Runtime.Buffer.Count > 0)
        {
            device.Broker.Acknowledge();
            device.Step();
            Assert.InRange(device.Broker.Unacknowledged, 0, UplinkService.MaxInFlight);
        }

        Assert.Equal(UplinkService.MaxInFlight, device.Broker.MaxUnacknowledged);
    }

    [Fact]
    public void A_puback_removes_exactly_the_readings_of_its_batch_and_only_after_the_batches_before_it()
    {
        DeviceHarness device = OfflineFor(TimeSpan.FromMinutes(30), DeviceHarness.Config(1, c => c.MaxBatchBytes = 64));
        device.Broker.AutoAcknowledge = false;
        device.Broker.RefuseConnections = false;
        device.RunFor(TimeSpan.FromSeconds(1));

        IReadOnlyList<ReceivedPublish> sent = device.Broker.Published;
        Assert.Equal(device.Topics.State, sent[0].Topic);
        int first = DeviceHarness.DecodeBatch(sent[1].Payload).Count;
        int second = DeviceHarness.DecodeBatch(sent[2].Payload).Count;
        long head = device.Runtime.Buffer.FirstSequence;

        device.Broker.AcknowledgePacket(sent[0].PacketId);
        device.Broker.AcknowledgePacket(sent[2].PacketId);
        device.Step();
        Assert.Equal(head, device.Runtime.Buffer.FirstSequence);

        device.Broker.AcknowledgePacket(sent[1].PacketId);
        device.Step();
        Assert.Equal(head + first + second, device.Runtime.Buffer.FirstSequence);
    }

    [Fact]
    public void A_connection_lost_mid_flight_resends_from_the_buffer_head_without_loss_or_reordering()
    {
        DeviceHarness device = OfflineFor(TimeSpan.FromMinutes(30), DeviceHarness.Config(1, c => c.MaxBatchBytes = 64));
        List<Reading> offline = device.BufferedReadings();
        device.Broker.AutoAcknowledge = false;
        device.Broker.RefuseConnections = false;
        device.RunFor(TimeSpan.FromSeconds(1));
        device.Broker.Acknowledge(2);
        device.Step();

        // The state report and the first batch are acknowledged; three more batches wait when the broker restarts.
        var acknowledged = DeviceHarness.DecodeBatch(device.Broker.Published[1].Payload);
        Assert.Equal(UplinkService.MaxInFlight, device.Broker.Unacknowledged);
        int before = device.Broker.Published.Count;
        device.Broker.DropConnection();
        device.Broker.AutoAcknowledge = true;
        device.RunFor(TimeSpan.FromSeconds(10));

        Assert.Equal(2, device.Broker.Connections);
        var again = device.Broker.Published.Skip(before).ToList();
        Assert.Equal(device.Topics.State, again[0].Topic);
        var resent = again.Skip(1).SelectMany(p => DeviceHarness.DecodeBatch(p.Payload)).ToList();
        Assert.Equal(PerSensor(offline), PerSensor(acknowledged.Concat(resent)));
        Assert.Empty(acknowledged.Select(Text).Intersect(resent.Select(Text)));
        Assert.Equal(0, device.Runtime.Buffer.Count);
    }

    [Fact]
    public void Reconnect_attempts_back_off_from_one_second_doubling_to_a_five_minute_cap()
    {
        var device = new DeviceHarness(random: FixedRandom.Highest);
        device.Broker.RefuseConnections = true;
        device.Boot().RunFor(TimeSpan.FromMinutes(20));

        long[] gaps = Gaps(device.Broker.ConnectAttemptTimes);
        Assert.Equal([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000], gaps.Take(11));
        Assert.All(gaps, gap => Assert.InRange(gap, ConnectBackoff.BaseMilliseconds, ConnectBackoff.CapMilliseconds));
    }

    [Fact]
    public void Jitter_never_takes_attempts_closer_than_one_second()
    {
        var device = new DeviceHarness(random: FixedRandom.Lowest);
        device.Broker.RefuseConnections = true;
        device.Boot().RunFor(TimeSpan.FromMinutes(1));

        Assert.All(Gaps(device.Broker.ConnectAttemptTimes), gap => Assert.Equal(1000, gap));
        Assert.Equal(61, device.Broker.ConnectAttempts);
    }

    [Fact]
    public void A_connection_that_stayed_up_resets_the_backoff_and_one_that_drops_at_once_does_not()
    {
        var backoff = new ConnectBackoff(FixedRandom.Highest);
        backoff.Failed(0);
        backoff.Failed(1_000);
        backoff.Failed(3_000);
        Assert.Equal(4_000, backoff.LastDelay);

        backoff.Connected(7_000);
        backoff.Lost(8_000);
        Assert.Equal(8_000, backoff.LastDelay);

        backoff.Connected(16_000);
        backoff.Lost(16_000 + ConnectBackoff.StableMilliseconds);
        Assert.Equal(1_000, backoff.LastDelay);
        Assert.Equal(16_000 + ConnectBackoff.StableMilliseconds + 1_000, backoff.NextAttemptAt);
    }

    [Fact]
    public void Readings_wait_for_the_uplink_interval_in_normal_mode()
    {
        DeviceHarness device = new DeviceHarness().StoreConfig(DeviceHarness.Config(1, c => c.UplinkInterval = 600)).Boot();
        device.RunFor(TimeSpan.FromMinutes(9));
        int batches = device.Batches().Count;

        device.RunFor(TimeSpan.FromMinutes(2));

        Assert.Equal(1, batches);
        Assert.Equal(2, device.Batches().Count);
        Assert.Equal(1, device.Broker.Connections);
        Assert.Equal(4 * 11, device.DeliveredReadings().Count);
    }

    [Fact]
    public void Live_mode_uplinks_every_reading_as_it_is_taken()
    {
        DeviceHarness device = new DeviceHarness().StoreConfig(DeviceHarness.Config(1, c =>
        {
            c.Mode = DeviceMode.Live;
            c.SetSampleInterval(SensorKind.Temperature, 60);
        })).Boot();

        device.RunFor(TimeSpan.FromMinutes(5));

        List<ReceivedPublish> batches = device.Batches();
        Assert.Equal(6, batches.Count);
        Assert.All(batches, b => Assert.Single(DeviceHarness.DecodeBatch(b.Payload)));
    }

    [Fact]
    public void Power_save_mode_connects_for_each_uplink_and_disconnects_once_everything_is_acknowledged()
    {
        DeviceHarness device = new DeviceHarness().StoreConfig(DeviceHarness.Config(1, c =>
        {
            c.Mode = DeviceMode.PowerSave;
            c.UplinkInterval = 600;
        })).Boot();

        device.RunFor(TimeSpan.FromSeconds(30));
        Assert.Equal(1, device.Broker.Connections);
        Assert.False(device.Broker.IsClientConnected);
        Assert.False(device.Runtime.Uplink.IsConnected);

        device.RunFor(TimeSpan.FromMinutes(10));
        Assert.Equal(2, device.Broker.Connections);
        Assert.False(device.Broker.IsClientConnected);
        Assert.Equal(4 * 11, device.DeliveredReadings().Count);
        Assert.Equal(0, device.Runtime.Buffer.Count);
    }

    [Fact]
    public void A_reading_outside_its_threshold_is_uplinked_at_once()
    {
        ScriptedSensor? temperature = null;
        var device = new DeviceHarness(clock => [temperature = new ScriptedSensor(SensorKind.Temperature, clock, 2100, 2150, 2300, 2150)]);
        device.StoreConfig(DeviceHarness.Config(1, c =>
        {
            c.Mode = DeviceMode.PowerSave;
            c.UplinkInterval = 3600;
            c.SetSampleInterval(SensorKind.Temperature, 60);
            c.SetThreshold(SensorKind.Temperature, 2000, 2200);
        })).Boot();

        device.RunFor(TimeSpan.FromSeconds(110));
        Assert.Equal(1, device.Broker.Connections);

        device.RunFor(TimeSpan.FromSeconds(20));
        Assert.Equal(2, device.Broker.Connections);
        Reading last = device.DeliveredReadings()[^1];
        Assert.Equal(2300, last.Values[0]);
        Assert.Equal(DeviceHarness.WallStart.ToUnixTimeSeconds() + 120, last.Time);
    }

    /// <summary>A device that booted with the broker unreachable and sampled for <paramref name="offline"/>.</summary>
    private static DeviceHarness OfflineFor(TimeSpan offline, byte[]? config = null)
    {
        var device = new DeviceHarness();
        if (config != null)
        {
            device.StoreConfig(config);
        }

        device.Broker.RefuseConnections = true;
        device.Boot().RunFor(offline);
        return device;
    }

    private static long[] Gaps(IReadOnlyList<long> times) => times.Zip(times.Skip(1), (a, b) => b - a).ToArray();

    private static string Text(Reading reading) => reading.ToString();

    /// <summary>Each sensor's readings in order, as text: the order that must survive batching and re-sending.</summary>
    private static Dictionary<int, string[]> PerSensor(IEnumerable<Reading> readings) =>
        readings.GroupBy(r => r.Sensor).ToDictionary(g => g.Key, g => g.Select(Text).ToArray());
}
