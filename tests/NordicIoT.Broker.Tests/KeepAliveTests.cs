using NordicIoT.Mqtt;
using NordicIoT.Testing;

namespace NordicIoT.Broker.Tests;

/// <summary>A class of its own so its long idle wait runs in parallel with the other broker tests.</summary>
public sealed class KeepAliveTests : IDisposable
{
    private readonly TestBroker _broker = TestBroker.Start();

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task Keep_alive_pings_hold_an_idle_connection_open_past_the_keep_alive()
    {
        await using var device = new MqttClient(_broker.DeviceOptions("alive-dev1"));
        var events = new ClientEvents(device);
        await device.ConnectAsync(new MqttConnectOptions("alive-dev1") { KeepAlive = TimeSpan.FromSeconds(1) });

        // Mosquitto 2.0 checks keep-alives on a ~5 s cycle, so a silent client with keep-alive 1 s is dropped within
        // about 6.5 s (measured here); 7 s of idling proves the pings, not luck, kept this one connected.
        await Task.Delay(TimeSpan.FromSeconds(7));

        Assert.True(device.IsConnected, events.Lost.TryTake(out var lost) ? lost!.Reason : _broker.LogTail());
        await (await device.PublishAsync("d/alive-dev1/s", new byte[] { 1 })).Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
