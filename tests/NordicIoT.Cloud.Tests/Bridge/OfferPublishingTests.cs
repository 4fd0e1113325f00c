using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Rollouts;
using NordicIoT.Cloud.Tests.Support;
using NordicIoT.Mqtt;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;
using NordicIoT.Testing;

namespace NordicIoT.Cloud.Tests.Bridge;

/// <summary>Firmware offers through a real Mosquitto: the device finds its offer retained on d/{id}/f, its progress reports over MQTT move its execution, and cancelling leaves an empty retained payload.</summary>
public sealed class OfferPublishingTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TestBroker _broker = TestBroker.Start();
    private readonly List<MqttClient> _devices = [];
    private readonly ECDsa _key = SignedRelease.NewKey();
    private CloudApp _app = null!;

    public async Task InitializeAsync()
    {
        var settings = _broker.CloudAppSettings();
        settings["Firmware:ReleasePublicKey"] = SignedRelease.PublicKeyHex(_key);
        settings["Rollouts:PublicBaseUrl"] = "http://127.0.0.1:5000";
        settings["Rollouts:DriverEnabled"] = "false";
        _app = new CloudApp(settings);
        await _app.RegisterAsync("dev-1");
        using var anonymous = _app.CreateClient();
        await EventuallyAsync(async () => (await anonymous.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);
    }

    public async Task DisposeAsync()
    {
        foreach (var device in _devices)
        {
            await device.DisposeAsync();
        }

        await _app.DisposeAsync();
        _broker.Dispose();
        _key.Dispose();
    }

    [Fact]
    public async Task The_offer_is_retained_progress_comes_back_and_cancelling_clears_it()
    {
        using var admin = await _app.ClientAsync(ApiRole.Admin);
        var release = new SignedRelease(_key, "1.5.0", new Dictionary<string, byte[]> { ["App.pe"] = SignedRelease.Content(2000) });
        var uploaded = await admin.PostAsync("/api/firmware", release.Multipart());
        var releaseId = (await uploaded.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString();
        var started = await admin.PostAsJsonAsync("/api/rollouts", new { releaseId, target = new { deviceIds = new[] { "dev-1" } } });
        var rolloutId = (await started.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();

        // A device that connects later still finds the offer: it is retained.
        var offer = await RetainedOfferAsync();
        Assert.Equal(rolloutId, offer.RolloutId);
        Assert.Equal(release.Manifest, offer.Manifest);
        Assert.Equal($"http://127.0.0.1:5000/api/firmware/{releaseId}/files/", offer.BaseUrl);

        var device = await ConnectAsync("dev-1");
        var report = Wire.State(r =>
        {
            r.Time = Wire.Seconds(_app.Clock.Now);
            r.Ota = new OtaProgress { RolloutId = rolloutId, Status = OtaStatus.Downloading, Percent = 30 };
        });
        await (await device.PublishAsync("d/dev-1/s", report, MqttQos.AtLeastOnce)).Acknowledged.WaitAsync(Patience);
        await EventuallyAsync(async () => (await _app.Storage.Rollouts.GetExecutionAsync(rolloutId, "dev-1", CancellationToken.None))?.Status == ExecutionStatus.InProgress);

        (await admin.PostAsync($"/api/rollouts/{rolloutId}/cancel", null)).EnsureSuccessStatusCode();

        // Mosquitto drops a retained message when an empty one replaces it: a new subscriber gets nothing.
        var late = await ConnectAsync("dev-1-late", "dev-1");
        var got = new TaskCompletionSource<MqttMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        late.MessageReceived += (_, e) => got.TrySetResult(e.Message);
        await late.SubscribeAsync("d/dev-1/f", MqttQos.AtLeastOnce);
        await Assert.ThrowsAsync<TimeoutException>(() => got.Task.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(ExecutionStatus.Canceled, (await _app.Storage.Rollouts.GetExecutionAsync(rolloutId, "dev-1", CancellationToken.None))!.Status);
    }

    private async Task<FirmwareOffer> RetainedOfferAsync()
    {
        var device = await ConnectAsync("dev-1-reader", "dev-1");
        var received = new TaskCompletionSource<MqttMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        device.MessageReceived += (_, e) => received.TrySetResult(e.Message);
        await device.SubscribeAsync("d/dev-1/f", MqttQos.AtLeastOnce);
        var message = await received.Task.WaitAsync(Patience);
        Assert.True(message.Retain);
        return FirmwareOfferCodec.Decode(new CborReader(message.Payload, 0, message.Payload.Length));
    }

    // The broker's ACL keys on the certificate CN, so extra sessions of one device use its certificate with another client id.
    private async Task<MqttClient> ConnectAsync(string clientId, string? certificateOf = null)
    {
        var client = new MqttClient(_broker.DeviceOptions(certificateOf ?? clientId));
        _devices.Add(client);
        await client.ConnectAsync(new MqttConnectOptions(clientId));
        return client;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50);
        }
    }
}
