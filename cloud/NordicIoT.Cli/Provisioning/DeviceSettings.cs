using System.Text.Json.Serialization;

namespace NordicIoT.Cli.Provisioning;

/// <summary>I:\device.json: who the board is and where its broker is (read by the app's DeviceSettings).</summary>
/// <param name="DeviceId">The device id (certificate CN, MQTT client id).</param>
/// <param name="BrokerHost">The broker's host name or address, as the device reaches it; it must be in the broker certificate.</param>
/// <param name="BrokerPort">The broker's TLS port.</param>
/// <param name="Board">The board profile id from hardware/, or null to let the app use its default board.</param>
public sealed record DeviceSettings(
    [property: JsonPropertyName("deviceId")] string DeviceId,
    [property: JsonPropertyName("brokerHost")] string BrokerHost,
    [property: JsonPropertyName("brokerPort")] int BrokerPort,
    [property: JsonPropertyName("board"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Board);
