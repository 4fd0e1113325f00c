namespace NordicIoT.Mqtt;

/// <summary>What one CONNECT asks for: client id, clean session and keep-alive.</summary>
/// <param name="ClientId">The client id (AWS IoT wants the thing name); empty only with a clean session.</param>
public sealed record MqttConnectOptions(string ClientId)
{
    /// <summary>Start without any state the broker kept for this client id.</summary>
    public bool CleanSession { get; init; } = true;

    /// <summary>The longest silence before the client pings; a missing PINGRESP within it ends the connection. Zero turns keep-alive off.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(60);
}
