using System.Collections.Concurrent;
using NordicIoT.Mqtt;
using NordicIoT.Testing;

namespace NordicIoT.Device.FunctionalTests;

/// <summary>The cloud's side in these tests: the "cloud" identity with a persistent session on every device's batches and state.</summary>
/// <remarks>
/// The session is persistent (clean session off) so that what devices publish while it is away, e.g. during a broker
/// restart, waits for it in the broker (which saves sessions on a graceful stop).
/// </remarks>
internal sealed class CloudSubscriber : IAsyncDisposable
{
    private const string ClientId = "cloud-functional";
    private readonly MqttClient _client;
    private readonly ConcurrentQueue<MqttMessage> _received = new();

    public CloudSubscriber(TestBroker broker)
    {
        _client = new MqttClient(broker.CloudOptions());
        _client.MessageReceived += (_, e) => _received.Enqueue(e.Message);
    }

    /// <summary>Every message received, in arrival order.</summary>
    public List<MqttMessage> Received => [.. _received];

    /// <summary>Connects (again) when not connected; false when the broker cannot be reached right now.</summary>
    public async Task<bool> EnsureConnectedAsync()
    {
        if (_client.IsConnected)
        {
            return true;
        }

        try
        {
            await _client.ConnectAsync(new MqttConnectOptions(ClientId) { CleanSession = false, KeepAlive = TimeSpan.FromSeconds(30) });
            await _client.SubscribeAsync("d/+/b");
            await _client.SubscribeAsync("d/+/s");
            return true;
        }
        catch (MqttException)
        {
            return false;
        }
    }

    /// <summary>Publishes a retained message, as the cloud publishes configurations, and waits for its PUBACK.</summary>
    public async Task PublishRetainedAsync(string topic, byte[] payload)
    {
        MqttPublishReceipt receipt = await _client.PublishAsync(topic, payload, MqttQos.AtLeastOnce, retain: true);
        await receipt.Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();
}
