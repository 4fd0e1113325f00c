namespace NordicIoT.Broker;

/// <summary>What a local Mosquitto instance needs: where it listens, its TLS files, its data folder and the service identities.</summary>
/// <param name="Port">The TLS listener port.</param>
/// <param name="DataDirectory">Holds the generated config, ACL, log and persistence database.</param>
/// <param name="CaFile">The project CA (PEM) that client certificates must chain to.</param>
/// <param name="CertificateFile">The broker's server certificate (PEM).</param>
/// <param name="KeyFile">The broker's private key (PEM).</param>
public sealed record BrokerSettings(int Port, string DataDirectory, string CaFile, string CertificateFile, string KeyFile)
{
    /// <summary>The address the listener binds to; loopback unless real devices on the LAN must reach it.</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>Certificate CNs that may read and write every device's topics (d/#), e.g. the cloud bridge.</summary>
    public IReadOnlyList<string> ServiceUsers { get; init; } = ["cloud"];
}
