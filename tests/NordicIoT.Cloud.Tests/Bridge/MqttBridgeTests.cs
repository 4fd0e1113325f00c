using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Ingestion;
using NordicIoT.Cloud.Tests.Support;
using NordicIoT.Mqtt;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;
using NordicIoT.Testing;

namespace NordicIoT.Cloud.Tests.Bridge;

/// <summary>The app's MQTT bridge and config publisher against a real Mosquitto with mutual TLS: each test its own broker and app.</summary>
public sealed class MqttBridgeTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TestBroker _broker = TestBroker.Start();
    private readonly List<MqttClient> _devices = [];
    private CloudApp _app = null!;
    private HttpClient _operator = null!;
    private FlakyStorage _storage = null!;

    public async Task InitializeAsync()
    {
        var settings = _broker.CloudAppSettings();
        settings["Broker:ReconnectMinDelay"] = "00:00:00.200";
        settings["Broker:ReconnectMaxDelay"] = "00:00:01";
        _app = new CloudApp(settings, services =>
        {
            var engine = services.Last(d => d.ServiceType == typeof(Storage.ICloudStorage)).ImplementationFactory!;
            services.AddSingleton<Storage.ICloudStorage>(provider => _storage = new FlakyStorage((Storage.ICloudStorage)engine(provider)));
        });
        await _app.RegisterAsync("dev-1");
        _operator = await _app.ClientAsync(ApiRole.Operator);
        await WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var device in _devices)
        {
            await device.DisposeAsync();
        }

        _operator.Dispose();
        await _app.DisposeAsync();
        _broker.Dispose();
    }

    [Fact]
    public async Task Batches_and_state_a_device_publishes_reach_storage_and_the_twin()
    {
        var device = await ConnectDeviceAsync("dev-1");
        var now = Wire.Seconds(_app.Clock.Now);

        await PublishAsync(device, "d/dev-1/b", Wire.Series(SensorKind.Temperature, (now - 120, 2137), (now - 60, 2141)));
        await PublishAsync(device, "d/dev-1/s", Wire.State(r => r.FirmwareVersion = "1.4.2"));

        await EventuallyAsync(async () => (await GetTwinAsync()).GetProperty("reported").TryGetProperty("firmwareVersion", out _));
        var readings = await ReadingsAsync(SensorKind.Temperature);
        Assert.Equal([2137, 2141], readings.Select(r => r.Values[0]));
        var metrics = await GetJsonAsync("/health/metrics");
        Assert.Equal(("connected", 2), (metrics.GetProperty("bridge").GetProperty("state").GetString(), metrics.GetProperty("bridge").GetProperty("received").GetInt32()));
    }

    [Fact]
    public async Task Message_from_an_unregistered_device_becomes_a_dead_letter()
    {
        var stranger = await ConnectDeviceAsync("stranger");

        await PublishAsync(stranger, "d/stranger/s", Wire.State(r => r.Uptime = 1));

        await EventuallyAsync(async () => await _app.Storage.DeadLetters.CountAsync("stranger", CancellationToken.None) == 1);
        var deadLetter = Assert.Single(await _app.Storage.DeadLetters.ListAsync("stranger", 1, CancellationToken.None));
        Assert.Equal(DeadLetterReasons.UnknownDevice, deadLetter.Reason);
    }

    [Fact]
    public async Task Config_put_is_published_retained_so_a_device_connecting_later_receives_it()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/devices/dev-1/config")
        {
            Content = new StringContent("""{"uplinkInterval": 600, "mode": "power-save"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");

        var updated = await (await _operator.SendAsync(request)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(updated.GetProperty("published").GetBoolean(), updated.ToString());

        var device = await ConnectDeviceAsync("dev-1");
        var received = new TaskCompletionSource<MqttMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        device.MessageReceived += (_, e) => received.TrySetResult(e.Message);
        await device.SubscribeAsync("d/dev-1/c", MqttQos.AtLeastOnce);
        var message = await received.Task.WaitAsync(Patience);

        Assert.True(message.Retain);
        var config = new DeviceConfig();
        DeviceConfigCodec.Decode(new CborReader(message.Payload, 0, message.Payload.Length), config);
        Assert.Equal((1L, 600, DeviceMode.PowerSave), (config.Version, config.UplinkInterval, config.Mode));
    }

    [Fact]
    public async Task Config_saved_while_the_broker_is_down_is_published_once_the_bridge_is_back()
    {
        _broker.Stop();
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/devices/dev-1/config")
        {
            Content = new StringContent("""{"uplinkInterval": 1200}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        var updated = await (await _operator.SendAsync(request)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.False(updated.GetProperty("published").GetBoolean(), updated.ToString());

        _broker.StartAgain();
        await WaitUntilReadyAsync();
        var device = await ConnectDeviceAsync("dev-1");
        var received = new TaskCompletionSource<MqttMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        device.MessageReceived += (_, e) => received.TrySetResult(e.Message);
        await device.SubscribeAsync("d/dev-1/c", MqttQos.AtLeastOnce);
        var message = await received.Task.WaitAsync(Patience);

        var config = new DeviceConfig();
        DeviceConfigCodec.Decode(new CborReader(message.Payload, 0, message.Payload.Length), config);
        Assert.Equal((1L, 1200), (config.Version, config.UplinkInterval));
    }

    [Fact]
    public async Task Bridge_reconnects_after_the_broker_restarts()
    {
        _broker.Restart();
        await WaitUntilReadyAsync();
        var device = await ConnectDeviceAsync("dev-1");
        var now = Wire.Seconds(_app.Clock.Now);

        await PublishAsync(device, "d/dev-1/b", Wire.Series(SensorKind.Humidity, (now - 60, 4512)));

        await EventuallyAsync(async () => (await ReadingsAsync(SensorKind.Humidity)).Count == 1);
    }

    [Fact]
    public async Task Storage_failure_is_retried_until_the_batch_is_stored()
    {
        var device = await ConnectDeviceAsync("dev-1");
        var now = Wire.Seconds(_app.Clock.Now);
        _storage.FailuresLeft = 2;

        await PublishAsync(device, "d/dev-1/b", Wire.Series(SensorKind.Pressure, (now - 60, 101325)));

        await EventuallyAsync(async () => (await ReadingsAsync(SensorKind.Pressure)).Count == 1);
        Assert.Equal(3, _storage.Attempts);
        Assert.Equal(2, (await GetJsonAsync("/health/metrics")).GetProperty("bridge").GetProperty("retries").GetInt32());
    }

    [Fact]
    public async Task A_batch_the_app_could_not_store_before_it_stopped_is_stored_after_the_next_start()
    {
        using var data = new TempFolder("bridge-restart");
        FlakyStorage? failing = null;
        var first = new CloudApp(RestartingAppSettings(data.Path), services =>
        {
            var engine = services.Last(d => d.ServiceType == typeof(Storage.ICloudStorage)).ImplementationFactory!;
            services.AddSingleton<Storage.ICloudStorage>(provider => failing = new FlakyStorage((Storage.ICloudStorage)engine(provider)) { FailuresLeft = int.MaxValue });
        });
        await first.RegisterAsync("dev-1");
        await WaitUntilReadyAsync(first);
        var device = await ConnectDeviceAsync("dev-1");

        await PublishAsync(device, "d/dev-1/b", Wire.Series(SensorKind.Pressure, (Wire.Seconds(first.Clock.Now) - 60, 101325)));
        await EventuallyAsync(() => Task.FromResult(failing!.Attempts >= 2));
        await first.DisposeAsync();

        // The broker kept the unacknowledged batch for the bridge's persistent session and sends it to the next one.
        await using var second = new CloudApp(RestartingAppSettings(data.Path));
        await WaitUntilReadyAsync(second);
        await EventuallyAsync(async () => (await second.Storage.Readings.QueryAsync("dev-1", SensorKind.Pressure, second.Clock.Now.AddHours(-1), second.Clock.Now, 10, CancellationToken.None)).Count == 1);
    }

    // One database across two app starts, and a session of its own beside the class's app.
    private Dictionary<string, string?> RestartingAppSettings(string dataDirectory)
    {
        var settings = _broker.CloudAppSettings();
        settings["Storage:DataDirectory"] = dataDirectory;
        settings["Broker:ClientId"] = "cloud-restarting";
        return settings;
    }

    private Task<IReadOnlyList<Readings.Reading>> ReadingsAsync(int sensor) =>
        _app.Storage.Readings.QueryAsync("dev-1", sensor, _app.Clock.Now.AddHours(-1), _app.Clock.Now, 10, CancellationToken.None);

    private async Task<MqttClient> ConnectDeviceAsync(string deviceId)
    {
        var client = new MqttClient(_broker.DeviceOptions(deviceId));
        _devices.Add(client);
        await client.ConnectAsync(new MqttConnectOptions(deviceId));
        return client;
    }

    private static async Task PublishAsync(MqttClient device, string topic, byte[] payload)
    {
        var receipt = await device.PublishAsync(topic, payload, MqttQos.AtLeastOnce);
        await receipt.Acknowledged.WaitAsync(Patience);
    }

    private Task WaitUntilReadyAsync() => WaitUntilReadyAsync(_app);

    private static async Task WaitUntilReadyAsync(CloudApp app)
    {
        using var anonymous = app.CreateClient();
        await EventuallyAsync(async () => (await anonymous.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);
    }

    private async Task<System.Text.Json.JsonElement> GetTwinAsync() => await GetJsonAsync("/api/devices/dev-1");

    private async Task<System.Text.Json.JsonElement> GetJsonAsync(string url) =>
        await _operator.GetFromJsonAsync<System.Text.Json.JsonElement>(url);

    // Waits for something the bridge does in the background; the limit is generous because it guards against hangs, not speed.
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within the time limit");
            await Task.Delay(50);
        }
    }
}
