using NordicIoT.Device.Host.Simulation;

namespace NordicIoT.LocalStack;

/// <summary>The files the stack needs from the project's certificate store: the CA, the broker's certificate, the cloud identity's, and each simulated device's.</summary>
internal sealed class StackCertificates(string folder)
{
    /// <summary>The CN the cloud bridge connects as; the broker's ACL gives it every device's topics.</summary>
    public const string CloudIdentity = "cloud";

    private readonly string _folder = Path.GetFullPath(folder);

    public string Ca => Path.Combine(_folder, "ca.crt");

    public string ServerCertificate => Path.Combine(_folder, "server.crt");

    public string ServerKey => Path.Combine(_folder, "server.key");

    public string CloudCertificate => Path.Combine(_folder, "services", CloudIdentity + ".crt");

    public string CloudKey => Path.Combine(_folder, "services", CloudIdentity + ".key");

    /// <summary>The release signing public key; without it the app refuses firmware uploads and says how to make it.</summary>
    public string ReleasePublicKey => new DeviceCertificates(_folder).ReleaseKeyPath;

    /// <summary>Throws <see cref="MissingCertificateException"/> naming the first missing file.</summary>
    public void EnsurePresent(IEnumerable<string> deviceIds)
    {
        var needed = new[] { Ca, ServerCertificate, ServerKey, CloudCertificate, CloudKey }
            .Concat(deviceIds.SelectMany(id => new[] { Path.Combine(_folder, "devices", id + ".crt"), Path.Combine(_folder, "devices", id + ".key") }));
        foreach (var path in needed)
        {
            if (!File.Exists(path))
            {
                throw new MissingCertificateException(
                    $"{path} is missing: the local stack needs the CA, broker, cloud and simulated device certificates in {_folder} " +
                    "(`nordiciot provision` makes them; `nordiciot up` does so itself).");
            }
        }
    }
}
