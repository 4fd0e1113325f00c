namespace NordicIoT.Cli.Provisioning;

/// <summary>What <see cref="Provisioner"/> should make: the devices, where they find the broker, and what goes into their deployment files.</summary>
public sealed record ProvisionRequest
{
    /// <summary>The broker's TLS port when none is given.</summary>
    public const int DefaultBrokerPort = 8883;

    /// <summary>The broker host when none is given (right for the simulator; a board needs the host's LAN name or address).</summary>
    public const string DefaultBrokerHost = "localhost";

    /// <summary>Devices to provision (certificates kept when they exist, files rewritten).</summary>
    public IReadOnlyList<string> DeviceIds { get; init; } = [];

    /// <summary>The broker host the devices connect to; added to the broker certificate when it is not in it yet.</summary>
    public string BrokerHost { get; init; } = DefaultBrokerHost;

    /// <summary>The broker's TLS port.</summary>
    public int BrokerPort { get; init; } = DefaultBrokerPort;

    /// <summary>The CA that signed the broker's certificate, when the broker is not the local one (e.g. AmazonRootCA1.pem for AWS IoT); null means the project CA.</summary>
    public string? BrokerCaFile { get; init; }

    /// <summary>More CA certificates (a PEM bundle) the board trusts for firmware downloads, e.g. Amazon's roots for presigned S3 URLs; null for none.</summary>
    public string? DownloadCaFile { get; init; }

    /// <summary>The board profile id written into device.json, or null for the app's default board.</summary>
    public string? Board { get; init; }

    /// <summary>The Wi-Fi network for the network deployment file, or null for none (cellular boards, or Wi-Fi set up later).</summary>
    public string? WifiSsid { get; init; }

    /// <summary>A file holding the Wi-Fi password (kept off the command line and out of shell history); null for an open network.</summary>
    public string? WifiPasswordFile { get; init; }

    /// <summary>The serial port nanoff should use, written into the deployment files; null lets nanoff's --serialport decide.</summary>
    public string? SerialPort { get; init; }

    /// <summary>Replace the CA even though one exists: every certificate it issued stops being trusted.</summary>
    public bool ForceCa { get; init; }
}
