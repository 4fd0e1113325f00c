namespace NordicIoT.Mqtt;

/// <summary>Where the broker is and how to reach it: host, port, TLS credentials and limits.</summary>
public sealed class MqttClientOptions
{
    /// <summary>The broker's host name or IP address.</summary>
    public required string Host { get; init; }

    /// <summary>The broker's TLS port (8883 on AWS IoT).</summary>
    public required int Port { get; init; }

    /// <summary>The project CA to trust and the client certificate to present.</summary>
    public required MqttTlsCredentials Credentials { get; init; }

    /// <summary>The name sent as SNI and checked against the server certificate; <see cref="Host"/> when null.</summary>
    public string? ServerName { get; init; }

    /// <summary>The most QoS 1 publishes awaiting PUBACK; further publishes wait for a free slot (AWS IoT allows about 100).</summary>
    public int MaxInflight { get; init; } = 20;

    /// <summary>The time limit for TCP connect, TLS handshake and CONNACK together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest packet accepted from the broker; a larger one ends the connection instead of being buffered.</summary>
    public int MaxIncomingPacketSize { get; init; } = 256 * 1024;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Host, nameof(Host));
        ArgumentNullException.ThrowIfNull(Credentials, nameof(Credentials));
        ArgumentOutOfRangeException.ThrowIfLessThan(Port, 1, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInflight, 1, nameof(MaxInflight));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxInflight, ushort.MaxValue - 1, nameof(MaxInflight));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIncomingPacketSize, 16, nameof(MaxIncomingPacketSize));
    }
}
