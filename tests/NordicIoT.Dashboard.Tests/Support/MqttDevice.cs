using NordicIoT.Mqtt;
using NordicIoT.Testing;

namespace NordicIoT.Dashboard.Tests.Support;

/// <summary>A device connection to the test broker with the device's own certificate, publishing as the firmware does (QoS 1, waits for PUBACK).</summary>
public sealed class MqttDevice : IAsyncDisposable
{
    private readonly MqttClient _client;

    private MqttDevice(MqttClient client, string deviceId)
    {
        _client = client;
        DeviceId = deviceId;
    }

    /// <summary>The device id (certificate CN).</summary>
    public string DeviceId { get; }

    /// <summary>Issues a certificate for <paramref name="deviceId"/> and connects.</summary>
    public static async Task<MqttDevice> ConnectAsync(TestBroker broker, string deviceId)
    {
        var client = new MqttClient(broker.DeviceOptions(deviceId));
        await client.ConnectAsync(new MqttConnectOptions(deviceId));
        return new MqttDevice(client, deviceId);
    }

    /// <summary>Publishes on d/{id}/{kind} and returns once the broker acknowledged.</summary>
    public async Task PublishAsync(string kind, byte[] payload)
    {
        var receipt = await _client.PublishAsync($"d/{DeviceId}/{kind}", payload, MqttQos.AtLeastOnce);
        await receipt.Acknowledged.WaitAsync(Eventually.Patience);
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
