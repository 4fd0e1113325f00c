using NordicIoT.Device.Host.Sensors;
using NordicIoT.Device.Platform;
using NordicIoT.Device.Sampling;
using NordicIoT.Device.Tests.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Runtime;

public sealed class SamplingTests
{
    private ScriptedSensor[] _sensors = [];

    private ScriptedSensor Sensor(int id) => _sensors.Single(s => s.SensorId == id);

    private DeviceHarness Harness(bool clockValid = true) =>
        new(clock => _sensors = ScriptedSensor.DefaultKinds(clock), clockValid);

    [Fact]
    public void Each_enabled_sensor_is_read_on_its_own_interval_and_stamped_when_taken()
    {
        DeviceHarness device = Harness();
        device.StoreConfig(DeviceHarness.Config(1, c =>
        {
            c.SetSampleInterval(SensorKind.Temperature, 60);
            c.SetSampleInterval(SensorKind.Humidity, 120);
            c.SetSampleInterval(SensorKind.Pressure, 0);
        }));
        device.Broker.RefuseConnections = true;

        device.Boot().RunFor(TimeSpan.FromMinutes(10));

        Assert.Equal([0, 60, 120, 180, 240, 300, 360, 420, 480, 540, 600], Sensor(SensorKind.Temperature).ReadSeconds());
        Assert.Equal([0, 120, 240, 360, 480, 600], Sensor(SensorKind.Humidity).ReadSeconds());
        Assert.Empty(Sensor(SensorKind.Pressure).ReadAt);
        Assert.Empty(Sensor(SensorKind.Battery).ReadAt);

        long start = DeviceHarness.WallStart.ToUnixTimeSeconds();
        var buffered = Buffered(device);
        Assert.Equal(17, buffered.Count);
        Assert.Equal(
            Enumerable.Range(0, 11).Select(k => start + (60 * k)),
            buffered.Where(r => r.Sensor == SensorKind.Temperature).Select(r => r.Time));
        Assert.Equal(
            Enumerable.Range(0, 6).Select(k => start + (120 * k)),
            buffered.Where(r => r.Sensor == SensorKind.Humidity).Select(r => r.Time));
    }

    [Fact]
    public void A_late_read_puts_the_next_one_a_whole_interval_later_so_two_readings_never_share_a_second()
    {
        DeviceHarness device = Harness();
        device.StoreConfig(DeviceHarness.Config(1, c =>
        {
            c.SetSampleInterval(SensorKind.Temperature, 1);
            c.SetSampleInterval(SensorKind.Humidity, 0);
            c.SetSampleInterval(SensorKind.Pressure, 0);
            c.SetSampleInterval(SensorKind.Battery, 0);
        }));
        device.Broker.RefuseConnections = true;
        device.Boot().RunFor(TimeSpan.FromMilliseconds(500));

        // The loop is held up (a blocking connect, a slow flash write) until 700 ms after the read due at 1 s.
        device.Clock.Advance(1_200);
        device.Step();
        device.RunFor(TimeSpan.FromSeconds(5));

        var reads = Sensor(SensorKind.Temperature).ReadAt;
        Assert.Contains(1_700L, reads);
        Assert.True(reads.Count >= 6, string.Join(", ", reads));
        Assert.All(reads.Zip(reads.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 1_000, $"reads at {pair.First} and {pair.Second} ms"));
    }

    [Fact]
    public void A_new_config_moves_changed_sensors_to_their_new_interval_keeps_unchanged_ones_on_schedule_and_stops_disabled_ones()
    {
        DeviceHarness device = Harness().Boot();
        device.RunFor(TimeSpan.FromSeconds(90));

        // At 90 s, 30 s after the last round: humidity every 20 s (due at once), pressure every 45 s (due at 105 s),
        // temperature unchanged, battery no longer listed (off).
        device.Broker.PublishRetained(device.Topics.Config, DeviceHarness.Config(2, c =>
        {
            c.SetSampleInterval(SensorKind.Temperature, 60);
            c.SetSampleInterval(SensorKind.Humidity, 20);
            c.SetSampleInterval(SensorKind.Pressure, 45);
        }));
        device.RunFor(TimeSpan.FromSeconds(110));

        Assert.Equal(2, device.Runtime.Config.Version);
        List<Reading> taken = [.. device.DeliveredReadings(), .. device.BufferedReadings()];
        Assert.Equal([0, 60, 120, 180], SecondsOf(taken, SensorKind.Temperature));
        Assert.Equal([0, 60, 90, 110, 130, 150, 170, 190], SecondsOf(taken, SensorKind.Humidity));
        Assert.Equal([0, 60, 105, 150, 195], SecondsOf(taken, SensorKind.Pressure));
        Assert.Equal([0, 60], SecondsOf(taken, SensorKind.Battery));
    }

    [Fact]
    public void A_config_arriving_right_after_a_reading_does_not_read_that_sensor_twice_in_one_second()
    {
        DeviceHarness device = Harness();
        device.Broker.PublishRetained(device.Topics.Config, DeviceHarness.Config(1, c => c.SetSampleInterval(SensorKind.Temperature, 30)));

        // Boot reads every sensor, then connects and gets the retained config in the same second.
        device.Boot().RunFor(TimeSpan.FromSeconds(61));

        Assert.Equal(1, device.Runtime.Config.Version);
        Assert.Equal([0, 30, 60], Sensor(SensorKind.Temperature).ReadSeconds());
    }

    [Fact]
    public void Readings_taken_before_the_clock_is_valid_are_stamped_relative_to_boot_once_it_is()
    {
        DeviceHarness device = Harness(clockValid: false);
        device.Broker.RefuseConnections = true;
        device.Boot().RunFor(TimeSpan.FromMinutes(5));

        Assert.Equal(0, device.Runtime.Buffer.Count);
        Assert.Equal(24, device.Runtime.Sampler.WaitingForClock);

        // Wall time becomes known 300.5 s after boot, half a second after the last readings.
        device.Clock.Advance(500);
        device.Clock.SetWallTime(DeviceHarness.WallStart);
        device.Step();

        long known = DeviceHarness.WallStart.ToUnixTimeSeconds();
        var buffered = Buffered(device);
        Assert.Equal(24, buffered.Count);
        Assert.Equal(0, device.Runtime.Sampler.WaitingForClock);
        Assert.Equal(0, device.Runtime.Sampler.DroppedBeforeClock);
        foreach (int sensor in new[] { SensorKind.Temperature, SensorKind.Humidity, SensorKind.Pressure, SensorKind.Battery })
        {
            Assert.Equal(
                new[] { 300L, 240, 180, 120, 60, 0 }.Select(age => known - age),
                buffered.Where(r => r.Sensor == sensor).Select(r => r.Time));
        }
    }

    [Fact]
    public void Readings_beyond_the_pre_clock_queue_drop_the_oldest_and_are_reported_as_dropped()
    {
        DeviceHarness device = Harness(clockValid: false);
        device.Broker.RefuseConnections = true;
        device.Boot().RunFor(TimeSpan.FromMinutes(20));

        // 21 rounds of 4 sensors = 84 readings into a queue of 64.
        Assert.Equal(PreClockQueue.Capacity, device.Runtime.Sampler.WaitingForClock);
        Assert.Equal(84 - PreClockQueue.Capacity, device.Runtime.Sampler.DroppedBeforeClock);

        device.Clock.SetWallTime(DeviceHarness.WallStart);
        device.Broker.RefuseConnections = false;
        device.RunFor(TimeSpan.FromSeconds(30));

        long known = DeviceHarness.WallStart.ToUnixTimeSeconds();
        List<Reading> delivered = device.DeliveredReadings();
        Assert.Equal(64, delivered.Count);
        Assert.Equal(known - (15 * 60), delivered.Min(r => r.Time));
        Assert.Equal(known, delivered.Max(r => r.Time));

        StateReport report = device.StateReports().Last();
        Assert.True(report.Has(StateField.Dropped));
        Assert.Equal(20, report.Dropped);
    }

    [Fact]
    public void A_failing_sensor_is_counted_and_the_others_keep_sampling()
    {
        var temperature = SimulatedSensors.Temperature(seed: 1);
        temperature.Failing = true;
        var device = new DeviceHarness(_ => [temperature, SimulatedSensors.Humidity(seed: 2), new ThrowingSensor()]);
        device.Broker.RefuseConnections = true;

        device.Boot().RunFor(TimeSpan.FromMinutes(2));

        // Three rounds (0, 60, 120 s): the failing temperature sensor and the throwing battery driver, three times each.
        Assert.Equal(6, device.Runtime.Sampler.FailedReads);
        Assert.Equal([SensorKind.Humidity, SensorKind.Humidity, SensorKind.Humidity], Buffered(device).Select(r => r.Sensor));
    }

    [Fact]
    public void Sensors_must_have_distinct_defined_ids()
    {
        var clock = new Host.Platform.SimulatedClock();
        var twice = new ISensor[] { ScriptedSensor.Constant(SensorKind.Battery, clock), ScriptedSensor.Constant(SensorKind.Battery, clock) };
        var undefined = new ISensor[] { ScriptedSensor.Constant(7, clock) };

        Assert.Contains("two sensors have id 4", Assert.Throws<ArgumentException>(() => new Sampler(twice, clock, null!, new DeviceConfig())).Message);
        Assert.Contains("sensor id 7 is not defined", Assert.Throws<ArgumentException>(() => new Sampler(undefined, clock, null!, new DeviceConfig())).Message);
    }

    private static List<Reading> Buffered(DeviceHarness device) => device.BufferedReadings();

    /// <summary>Times of one sensor's readings as seconds after the start of wall time.</summary>
    private static List<long> SecondsOf(IEnumerable<Reading> readings, int sensor) =>
        readings.Where(r => r.Sensor == sensor).Select(r => r.Time - DeviceHarness.WallStart.ToUnixTimeSeconds()).Order().ToList();

    /// <summary>A battery sensor whose driver throws.</summary>
    private sealed class ThrowingSensor : ISensor
    {
        public int SensorId => SensorKind.Battery;

        public bool TryRead(int[] values, int offset) => throw new IOException("I2C bus stuck");
    }
}
