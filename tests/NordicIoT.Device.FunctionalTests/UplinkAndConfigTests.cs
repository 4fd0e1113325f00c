using NordicIoT.Schemas.Messages;
using NordicIoT.Testing;

namespace NordicIoT.Device.FunctionalTests;

public sealed class UplinkAndConfigTests : IAsyncLifetime
{
    private readonly TestBroker _broker = TestBroker.Start();
    private readonly CloudSubscriber _cloud;

    public UplinkAndConfigTests()
    {
        _cloud = new CloudSubscriber(_broker);
    }

    public async Task InitializeAsync() => Assert.True(await _cloud.EnsureConnectedAsync(), "the cloud identity could not connect: " + _broker.LogTail());

    public async Task DisposeAsync()
    {
        await _cloud.DisposeAsync();
        _broker.Dispose();
    }

    [Fact]
    public async Task The_cloud_decodes_the_device_batches_and_a_retained_config_it_publishes_is_applied_stored_and_reported()
    {
        const string id = "fn-uplink-1";
        byte[] config = FunctionalDevice.Config(5, c =>
        {
            c.UplinkInterval = 60;
            c.SetSampleInterval(SensorKind.Temperature, 60);
            c.SetSampleInterval(SensorKind.Humidity, 120);
        });
        await _cloud.PublishRetainedAsync($"d/{id}/c", config);
        using var device = new FunctionalDevice(_broker, id);

        // Until the cloud holds 30 minutes of readings and a state report naming version 5.
        await device.Driver.RunUntilAsync(
            () => Task.FromResult(Readings(id).Count(r => r.Sensor == SensorKind.Temperature) >= 30 && States(id).Any(s => s.Has(StateField.ConfigVersion) && s.ConfigVersion == 5)),
            maxStep: TimeSpan.FromMinutes(1),
            patience: TimeSpan.FromSeconds(60),
            describe: () => $"{Readings(id).Count} readings, {States(id).Count} state reports");

        Assert.Equal(5, device.Runtime.Config.Version);
        Assert.Equal(config, device.StoredConfig());
        Assert.DoesNotContain(States(id), s => s.Has(StateField.ConfigRejection));
        Assert.Equal("2.0.0", States(id)[0].FirmwareVersion);

        // Boot samples all four default sensors once; from then on the configuration's intervals hold.
        long start = FunctionalDevice.WallStart.ToUnixTimeSeconds();
        List<WireReading> readings = Readings(id);
        Assert.Equal(readings.Count, readings.Select(r => r.Key).Distinct().Count());
        Assert.Equal(
            Enumerable.Range(0, readings.Count(r => r.Sensor == SensorKind.Temperature)).Select(k => start + (60L * k)),
            readings.Where(r => r.Sensor == SensorKind.Temperature).Select(r => r.Time));
        Assert.All(readings.Where(r => r.Sensor == SensorKind.Humidity), r => Assert.Equal(0, (r.Time - start) % 120));
        Assert.All(readings.Where(r => r.Sensor is SensorKind.Pressure or SensorKind.Battery), r => Assert.Equal(start, r.Time));
    }

    private List<WireReading> Readings(string id) =>
        _cloud.Received.Where(m => m.Topic == $"d/{id}/b").SelectMany(m => WireReading.FromBatch(m.Payload)).ToList();

    private List<StateReport> States(string id) =>
        _cloud.Received.Where(m => m.Topic == $"d/{id}/s").Select(m => WireReading.StateFrom(m.Payload)).ToList();
}
