using System.Collections.Concurrent;
using NordicIoT.Device.Host.Mqtt;
using NordicIoT.Device.Transport;
using NordicIoT.Mqtt;
using NordicIoT.Testing;

namespace NordicIoT.Broker.Tests;

/// <summary>The device library's IMqttTransport over the host client, against a real broker (each test owns it: one restarts).</summary>
public sealed class MqttClientTransportTests : IAsyncLifetime
{
    private readonly TestBroker _broker = TestBroker.Start();
    private readonly MqttClient _cloud;
    private readonly ClientEvents _cloudEvents;

    public MqttClientTransportTests()
    {
        _cloud = new MqttClient(_broker.CloudOptions());
        _cloudEvents = new ClientEvents(_cloud);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _cloud.DisposeAsync();
        _broker.Dispose();
    }

    [Fact]
    public async Task Publishes_the_given_length_and_reports_the_acknowledgement_by_packet_id()
    {
        await ConnectCloudAsync("d/+/b");
        var acknowledged = new BlockingCollection<ushort>();
        using var transport = new MqttClientTransport(_broker.DeviceOptions("tr-dev1"));
        transport.PublishAcknowledged += acknowledged.Add;
        transport.Connect("tr-dev1", cleanSession: true, keepAliveSeconds: 30);

        var packetId = transport.Publish("d/tr-dev1/b", [1, 2, 3, 99, 99], 3, qos: 1, retain: false);

        Assert.NotEqual(0, packetId);
        Assert.True(acknowledged.TryTake(out var ackedId, TimeSpan.FromSeconds(10)), "no PUBACK event");
        Assert.Equal(packetId, ackedId);
        var message = await _cloudEvents.Messages.NextAsync();
        Assert.Equal([1, 2, 3], message.Payload);
    }

    [Fact]
    public async Task Qos0_publish_returns_packet_id_0()
    {
        await ConnectCloudAsync("d/+/s");
        using var transport = new MqttClientTransport(_broker.DeviceOptions("tr-dev2"));
        transport.Connect("tr-dev2", cleanSession: true, keepAliveSeconds: 30);

        Assert.Equal(0, transport.Publish("d/tr-dev2/s", [7], 1, qos: 0, retain: false));
        Assert.Equal([7], (await _cloudEvents.Messages.NextAsync()).Payload);
    }

    [Fact]
    public async Task Retained_config_reaches_the_message_handler_with_the_retained_flag()
    {
        await ConnectCloudAsync(null);
        await (await _cloud.PublishAsync("d/tr-dev3/c", new byte[] { 5 }, retain: true)).Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));
        var received = new BlockingCollection<(string Topic, byte[] Payload, bool Retained)>();
        using var transport = new MqttClientTransport(_broker.DeviceOptions("tr-dev3"));
        transport.MessageReceived += (topic, payload, retained) => received.Add((topic, payload, retained));
        transport.Connect("tr-dev3", cleanSession: true, keepAliveSeconds: 30);

        transport.Subscribe("d/tr-dev3/c", 1);

        Assert.True(received.TryTake(out var message, TimeSpan.FromSeconds(10)), "no retained message");
        Assert.Equal(("d/tr-dev3/c", true), (message.Topic, message.Retained));
        Assert.Equal([5], message.Payload);
    }

    [Fact]
    public void Lost_connection_is_reported_once_then_calls_fail_until_a_new_connect()
    {
        var lost = new BlockingCollection<string>();
        using var transport = new MqttClientTransport(_broker.DeviceOptions("tr-dev4"));
        transport.ConnectionLost += lost.Add;
        transport.Connect("tr-dev4", cleanSession: true, keepAliveSeconds: 30);

        _broker.Restart();

        Assert.True(lost.TryTake(out _, TimeSpan.FromSeconds(10)), "no ConnectionLost");
        Assert.False(transport.IsConnected);
        Assert.Throws<MqttTransportException>(() => transport.Publish("d/tr-dev4/s", [1], 1, 1, false));
        transport.Connect("tr-dev4", cleanSession: true, keepAliveSeconds: 30);
        Assert.True(transport.IsConnected);
        transport.Disconnect();
        Assert.False(transport.IsConnected);
        Assert.Empty(lost);
    }

    [Fact]
    public void Refused_connection_is_a_transport_exception()
    {
        using var transport = new MqttClientTransport(_broker.OptionsFor(null));

        var error = Assert.Throws<MqttTransportException>(() => transport.Connect("tr-dev5", true, 30));
        Assert.IsType<MqttConnectException>(error.InnerException);
        Assert.False(transport.IsConnected);
    }

    [Fact]
    public void Bad_arguments_are_refused_before_anything_is_sent()
    {
        using var transport = new MqttClientTransport(_broker.DeviceOptions("tr-dev6"));
        transport.Connect("tr-dev6", true, 30);

        Assert.Throws<ArgumentOutOfRangeException>(() => transport.Publish("d/tr-dev6/s", [1], 1, qos: 2, retain: false));
        Assert.Throws<ArgumentOutOfRangeException>(() => transport.Publish("d/tr-dev6/s", [1], 2, qos: 1, retain: false));
        Assert.Throws<ArgumentOutOfRangeException>(() => transport.Subscribe("d/tr-dev6/c", qos: 2));
        Assert.True(transport.IsConnected);
    }

    private async Task ConnectCloudAsync(string? subscription)
    {
        await _cloud.ConnectAsync(new MqttConnectOptions("cloud"));
        if (subscription is not null)
        {
            await _cloud.SubscribeAsync(subscription);
        }
    }
}
