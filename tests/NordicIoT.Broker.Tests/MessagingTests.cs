using System.Diagnostics;
using System.Text;
using NordicIoT.Mqtt;
using NordicIoT.Testing;

namespace NordicIoT.Broker.Tests;

/// <summary>Publish, subscribe, retained messages and the per-device ACL against a real Mosquitto.</summary>
public sealed class MessagingTests(SharedBroker shared) : IClassFixture<SharedBroker>, IAsyncLifetime
{
    private readonly TestBroker _broker = shared.Broker;
    private readonly List<MqttClient> _clients = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Qos1_publish_is_acknowledged_with_its_packet_id()
    {
        var (device, events) = await ConnectDeviceAsync("msg-dev1");

        var receipt = await device.PublishAsync("d/msg-dev1/s", new byte[] { 0xA0 }, MqttQos.AtLeastOnce);
        await receipt.Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotEqual(0, receipt.PacketId);
        Assert.Equal(receipt.PacketId, await events.Acknowledged.NextAsync());
    }

    [Fact]
    public async Task Qos0_publish_has_no_packet_id_and_still_arrives()
    {
        var (cloud, cloudEvents) = await ConnectCloudAsync();
        await cloud.SubscribeAsync("d/msg-dev2/s", MqttQos.AtMostOnce);
        var (device, _) = await ConnectDeviceAsync("msg-dev2");

        var receipt = await device.PublishAsync("d/msg-dev2/s", "hi"u8.ToArray(), MqttQos.AtMostOnce);

        Assert.Equal(0, receipt.PacketId);
        Assert.True(receipt.Acknowledged.IsCompleted);
        var message = await cloudEvents.Messages.NextAsync();
        Assert.Equal("hi", Encoding.UTF8.GetString(message.Payload));
        Assert.Equal(MqttQos.AtMostOnce, message.Qos);
    }

    [Fact]
    public async Task Cloud_identity_receives_every_device_batch_on_the_wildcard_topic()
    {
        var (cloud, cloudEvents) = await ConnectCloudAsync();
        Assert.Equal(MqttQos.AtLeastOnce, await cloud.SubscribeAsync("d/+/b", MqttQos.AtLeastOnce));
        var (first, _) = await ConnectDeviceAsync("msg-dev3");
        var (second, _) = await ConnectDeviceAsync("msg-dev4");

        var acknowledged = new List<Task>();
        for (var i = 0; i < 30; i++)
        {
            acknowledged.Add((await first.PublishAsync("d/msg-dev3/b", new[] { (byte)i })).Acknowledged);
            acknowledged.Add((await second.PublishAsync("d/msg-dev4/b", new[] { (byte)i })).Acknowledged);
        }

        await Task.WhenAll(acknowledged).WaitAsync(TimeSpan.FromSeconds(10));
        var received = new List<MqttMessage>();
        for (var i = 0; i < 60; i++)
        {
            received.Add(await cloudEvents.Messages.NextAsync());
        }

        Assert.All(received, m => Assert.Equal(MqttQos.AtLeastOnce, m.Qos));
        Assert.Equal(Enumerable.Range(0, 30), received.Where(m => m.Topic == "d/msg-dev3/b").Select(m => (int)m.Payload[0]));
        Assert.Equal(Enumerable.Range(0, 30), received.Where(m => m.Topic == "d/msg-dev4/b").Select(m => (int)m.Payload[0]));
    }

    [Fact]
    public async Task Retained_config_is_delivered_to_a_device_that_subscribes_later()
    {
        var (cloud, _) = await ConnectCloudAsync();
        var receipt = await cloud.PublishAsync("d/msg-dev5/c", new byte[] { 1, 2, 3 }, MqttQos.AtLeastOnce, retain: true);
        await receipt.Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));

        var (device, events) = await ConnectDeviceAsync("msg-dev5");
        await device.SubscribeAsync("d/msg-dev5/c");

        var message = await events.Messages.NextAsync();
        Assert.Equal("d/msg-dev5/c", message.Topic);
        Assert.Equal([1, 2, 3], message.Payload);
        Assert.True(message.Retain);
    }

    [Fact]
    public async Task Device_cannot_publish_into_another_devices_topics()
    {
        var (victim, victimEvents) = await ConnectDeviceAsync("msg-victim1");
        await victim.SubscribeAsync("d/msg-victim1/#");
        var (intruder, _) = await ConnectDeviceAsync("msg-intruder1");
        var (cloud, _) = await ConnectCloudAsync();

        // MQTT 3.1.1 has no way to say "denied": Mosquitto acknowledges and drops the message.
        var forged = await intruder.PublishAsync("d/msg-victim1/c", "forged"u8.ToArray());
        await forged.Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));
        // Routed after the forged one was handled, so had the forged one been delivered it would arrive first.
        await (await cloud.PublishAsync("d/msg-victim1/c", "genuine"u8.ToArray())).Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));

        var first = await victimEvents.Messages.NextAsync();
        Assert.Equal("genuine", Encoding.UTF8.GetString(first.Payload));
        Assert.Equal(1, victimEvents.Messages.Count);
    }

    [Fact]
    public async Task Device_cannot_read_another_devices_topics_even_with_a_granted_subscription()
    {
        var (snoop, snoopEvents) = await ConnectDeviceAsync("msg-snoop1");
        // Mosquitto 2.0 grants the SUBACK and applies the read ACL to every delivery instead.
        await snoop.SubscribeAsync("d/msg-other1/#");
        await snoop.SubscribeAsync("d/#");
        var (cloud, _) = await ConnectCloudAsync();

        await (await cloud.PublishAsync("d/msg-other1/c", "secret"u8.ToArray())).Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));
        await (await cloud.PublishAsync("d/msg-snoop1/c", "own"u8.ToArray())).Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));

        var first = await snoopEvents.Messages.NextAsync();
        Assert.Equal("d/msg-snoop1/c", first.Topic);
        Assert.Equal("own", Encoding.UTF8.GetString(first.Payload));
    }

    [Fact]
    public async Task Message_from_mosquitto_pub_with_a_device_certificate_reaches_the_cloud_client()
    {
        var (cloud, cloudEvents) = await ConnectCloudAsync();
        await cloud.SubscribeAsync("d/+/b");
        var device = _broker.Certificates.IssueDeviceCertificate("msg-pub1");

        var start = new ProcessStartInfo("mosquitto_pub")
        {
            ArgumentList =
            {
                "-h", "127.0.0.1", "-p", _broker.Port.ToString(), "-V", "mqttv311", "-q", "1", "-i", "msg-pub1",
                "--cafile", _broker.Certificates.CaCertificatePath, "--cert", device.CertificatePath, "--key", device.KeyPath,
                "-t", "d/msg-pub1/b", "-m", "from mosquitto_pub",
            },
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(process.ExitCode == 0, $"mosquitto_pub exited with {process.ExitCode}: {errors}");

        var message = await cloudEvents.Messages.NextAsync();
        Assert.Equal("d/msg-pub1/b", message.Topic);
        Assert.Equal("from mosquitto_pub", Encoding.UTF8.GetString(message.Payload));
    }

    [Fact]
    public async Task Subscription_with_a_malformed_filter_is_refused_before_sending()
    {
        var (device, _) = await ConnectDeviceAsync("msg-dev6");

        await Assert.ThrowsAsync<ArgumentException>(() => device.SubscribeAsync("d/msg-dev6/#/x"));
        await Assert.ThrowsAsync<ArgumentException>(() => device.PublishAsync("d/+/b", Array.Empty<byte>()));
        Assert.True(device.IsConnected);
    }

    [Fact]
    public async Task Disconnect_closes_without_a_lost_event_and_a_new_connect_works()
    {
        var (device, events) = await ConnectDeviceAsync("msg-dev7");

        await device.DisconnectAsync();
        Assert.False(device.IsConnected);
        await Assert.ThrowsAsync<MqttException>(() => device.PublishAsync("d/msg-dev7/s", new byte[] { 1 }));

        await device.ConnectAsync(new MqttConnectOptions("msg-dev7"));
        await (await device.PublishAsync("d/msg-dev7/s", new byte[] { 1 })).Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, events.Lost.Count);
    }

    [Fact]
    public async Task Connecting_twice_without_disconnecting_is_refused()
    {
        var (device, _) = await ConnectDeviceAsync("msg-dev8");

        await Assert.ThrowsAsync<InvalidOperationException>(() => device.ConnectAsync(new MqttConnectOptions("msg-dev8")));
        Assert.True(device.IsConnected);
    }

    [Fact]
    public async Task A_deferred_acknowledgement_not_sent_leaves_the_message_with_a_persistent_session_and_one_sent_does_not()
    {
        string cloudId = $"cloud-{Guid.NewGuid():N}";
        var first = await ConnectPersistentCloudAsync(cloudId);
        var (device, _) = await ConnectDeviceAsync("msg-dev9");
        await (await device.PublishAsync("d/msg-dev9/b", new byte[] { 1 })).Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));
        await (await device.PublishAsync("d/msg-dev9/b", new byte[] { 2 })).Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));
        var (one, acknowledgeOne) = await first.NextAsync();
        var (two, acknowledgeTwo) = await first.NextAsync();

        Assert.True(await acknowledgeOne!.SendAsync());
        await first.Client.DisconnectAsync();
        Assert.False(await acknowledgeTwo!.SendAsync());

        var second = await ConnectPersistentCloudAsync(cloudId);
        var (again, acknowledgeAgain) = await second.NextAsync();
        Assert.True(await acknowledgeAgain!.SendAsync());

        Assert.Equal([1], one.Payload);
        Assert.Equal([2], two.Payload);
        Assert.Equal([2], again.Payload);
        Assert.True(again.Duplicate);
        await Task.Delay(300);
        Assert.False(second.TryTake(out _), "only the unacknowledged message comes again");
    }

    private async Task<DeferringSubscriber> ConnectPersistentCloudAsync(string clientId)
    {
        var client = new MqttClient(_broker.CloudOptions());
        _clients.Add(client);
        var subscriber = new DeferringSubscriber(client);
        await client.ConnectAsync(new MqttConnectOptions(clientId) { CleanSession = false });
        await client.SubscribeAsync("d/msg-dev9/b", MqttQos.AtLeastOnce);
        return subscriber;
    }

    private Task<(MqttClient Client, ClientEvents Events)> ConnectDeviceAsync(string deviceId) =>
        ConnectAsync(_broker.DeviceOptions(deviceId), deviceId);

    private Task<(MqttClient Client, ClientEvents Events)> ConnectCloudAsync() =>
        ConnectAsync(_broker.CloudOptions(), $"cloud-{Guid.NewGuid():N}");

    private async Task<(MqttClient Client, ClientEvents Events)> ConnectAsync(MqttClientOptions options, string clientId)
    {
        var client = new MqttClient(options);
        _clients.Add(client);
        var events = new ClientEvents(client);
        await client.ConnectAsync(new MqttConnectOptions(clientId));
        return (client, events);
    }
}

/// <summary>A subscriber that takes over every acknowledgement, as the cloud bridge does.</summary>
internal sealed class DeferringSubscriber
{
    private readonly Inbox<(MqttMessage, MqttDeferredAcknowledgement?)> _received = new();

    public DeferringSubscriber(MqttClient client)
    {
        Client = client;
        client.MessageReceived += (_, e) => _received.Add((e.Message, e.DeferAcknowledgement()));
    }

    public MqttClient Client { get; }

    public Task<(MqttMessage Message, MqttDeferredAcknowledgement? Acknowledgement)> NextAsync() => _received.NextAsync();

    public bool TryTake(out (MqttMessage, MqttDeferredAcknowledgement?) item) => _received.TryTake(out item);
}
