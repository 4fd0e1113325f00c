using NordicIoT.Mqtt;

namespace NordicIoT.Device.Host.Simulation;

/// <summary>Finds a device's certificate, key and the CA in the project's certificate folder (the layout NordicIoT.Provisioning writes).</summary>
public sealed class DeviceCertificates(string folder)
{
    /// <summary>The folder's full path.</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>The CA certificate the broker's certificate must chain to.</summary>
    public string CaPath => Path.Combine(Folder, "ca.crt");

    /// <summary>The release signing public key (65-byte P-256 point) that devices trust for firmware; named as NordicIoT.Provisioning's ReleaseSigningKey writes it.</summary>
    public string ReleaseKeyPath => Path.Combine(Folder, "release-signing.pub");

    /// <summary>The certificate of <paramref name="deviceId"/>.</summary>
    public string CertificatePath(string deviceId) => Path.Combine(Folder, "devices", deviceId + ".crt");

    /// <summary>The private key of <paramref name="deviceId"/>.</summary>
    public string KeyPath(string deviceId) => Path.Combine(Folder, "devices", deviceId + ".key");

    /// <summary>Loads the CA and the device's certificate and key; throws <see cref="FileNotFoundException"/> naming the first file missing.</summary>
    public MqttTlsCredentials Load(string deviceId)
    {
        foreach (var path in new[] { CaPath, CertificatePath(deviceId), KeyPath(deviceId) })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path} does not exist: the simulator needs a certificate for every device ('{deviceId}' included).", path);
            }
        }

        return MqttTlsCredentials.FromPemFiles(CaPath, CertificatePath(deviceId), KeyPath(deviceId));
    }
}
