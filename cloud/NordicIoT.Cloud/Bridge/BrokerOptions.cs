namespace NordicIoT.Cloud.Bridge;

/// <summary>Settings of section "Broker": where the MQTT broker is and the cloud identity's certificate. Without a host the bridge stays off.</summary>
public sealed class BrokerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Broker";

    /// <summary>Broker host name or address; null or empty disables the bridge and config publishing.</summary>
    public string? Host { get; set; }

    /// <summary>The broker's TLS port.</summary>
    public int Port { get; set; } = 8883;

    /// <summary>The project CA (PEM) the broker's certificate must chain to; relative paths are under the content root.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>The cloud identity's client certificate (PEM).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The cloud identity's private key (PEM).</summary>
    public string? KeyPath { get; set; }

    /// <summary>MQTT client id; the broker keeps this id's session (and queues QoS 1 messages) while the bridge is away.</summary>
    public string ClientId { get; set; } = "cloud";

    /// <summary>MQTT keep-alive.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First wait before reconnecting; doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before reconnecting.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>True when a broker host is configured.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Host);
}
