using NordicIoT.Mqtt;
using NordicIoT.Testing;

namespace NordicIoT.Broker.Tests;

/// <summary>What happens to connections when the broker restarts, stalls or stays idle; each test owns its broker.</summary>
public sealed class ConnectionLifecycleTests : IAsyncLifetime
{
    private readonly TestBroker _broker = TestBroker.Start();
    private readonly List<MqttClient> _clients = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        _broker.Dispose();
    }

    [Fact]
    public async Task Broker_restart_loses_the_connection_once_and_keeps_retained_messages()
    {
        var (cloud, cloudEvents) = await ConnectAsync(_broker.CloudOptions(), "cloud");
        await (await cloud.PublishAsync("d/life-dev1/c", new byte[] { 42 }, retain: true)).Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));
        var (device, deviceEvents) = await ConnectAsync(_broker.DeviceOptions("life-dev1"), "life-dev1");

        _broker.Restart();

        var lost = await deviceEvents.Lost.NextAsync();
        await cloudEvents.Lost.NextAsync();
        Assert.False(device.IsConnected);
        Assert.Contains("broker", lost.Reason);
        await Assert.ThrowsAsync<MqttException>(() => device.PublishAsync("d/life-dev1/s", new byte[] { 1 }));

        await device.ConnectAsync(new MqttConnectOptions("life-dev1"));
        await device.SubscribeAsync("d/life-dev1/c");
        var retained = await deviceEvents.Messages.NextAsync();
        Assert.Equal([42], retained.Payload);
        Assert.True(retained.Retain);
        await (await device.PublishAsync("d/life-dev1/s", new byte[] { 1 })).Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, deviceEvents.Lost.Count);
        Assert.Equal(1, cloudEvents.Lost.Count);
    }

    [Fact]
    public async Task Unacknowledged_publishes_fail_when_the_connection_is_lost()
    {
        var (device, events) = await ConnectAsync(_broker.DeviceOptions("life-dev2"), "life-dev2", TimeSpan.FromSeconds(1));
        _broker.Freeze(true);
        try
        {
            var receipt = await device.PublishAsync("d/life-dev2/b", new byte[] { 1 });

            await Assert.ThrowsAsync<MqttException>(() => receipt.Acknowledged.WaitAsync(TimeSpan.FromSeconds(10)));
            await events.Lost.NextAsync();
            Assert.Equal(0, events.Acknowledged.Count);
        }
        finally
        {
            _broker.Freeze(false);
        }
    }

    [Fact]
    public async Task A_broker_that_stops_answering_is_detected_by_the_missing_pingresp()
    {
        var (device, events) = await ConnectAsync(_broker.DeviceOptions("life-dev4"), "life-dev4", TimeSpan.FromSeconds(1));
        _broker.Freeze(true);
        try
        {
            var lost = await events.Lost.NextAsync();

            Assert.Contains("PINGRESP", lost.Reason);
            Assert.False(device.IsConnected);
        }
        finally
        {
            _broker.Freeze(false);
        }
    }

    [Fact]
    public async Task Publishes_beyond_the_inflight_limit_wait_for_an_acknowledgement()
    {
        var options = _broker.DeviceOptions("life-dev5");
        var (device, events) = await ConnectAsync(
            new MqttClientOptions { Host = options.Host, Port = options.Port, Credentials = options.Credentials, MaxInflight = 2 },
            "life-dev5");
        _broker.Freeze(true);
        MqttPublishReceipt[] admitted;
        try
        {
            admitted = [await device.PublishAsync("d/life-dev5/b", new byte[] { 1 }), await device.PublishAsync("d/life-dev5/b", new byte[] { 2 })];

            // No PUBACK can arrive from a stopped broker, so the third publish never gets a slot.
            using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => device.PublishAsync("d/life-dev5/b", new byte[] { 3 }, cancellationToken: giveUp.Token));
        }
        finally
        {
            _broker.Freeze(false);
        }

        await Task.WhenAll(admitted.Select(r => r.Acknowledged)).WaitAsync(TimeSpan.FromSeconds(10));
        var third = await device.PublishAsync("d/life-dev5/b", new byte[] { 3 });
        await third.Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, new[] { await events.Acknowledged.NextAsync(), await events.Acknowledged.NextAsync(), await events.Acknowledged.NextAsync() }.Distinct().Count());
    }

    private async Task<(MqttClient Client, ClientEvents Events)> ConnectAsync(
        MqttClientOptions options, string clientId, TimeSpan? keepAlive = null)
    {
        var client = new MqttClient(options);
        _clients.Add(client);
        var events = new ClientEvents(client);
        await client.ConnectAsync(new MqttConnectOptions(clientId) { KeepAlive = keepAlive ?? TimeSpan.FromSeconds(60) });
        return (client, events);
    }
}
