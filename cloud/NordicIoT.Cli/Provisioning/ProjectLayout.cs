namespace NordicIoT.Cli.Provisioning;

/// <summary>Where the tool keeps a project's local state: the PKI under pki/ and one folder per device under devices/.</summary>
/// <remarks>
/// pki/ is a <see cref="NordicIoT.Provisioning.CertificateStore"/> (ca.crt, server.crt, services/, devices/ID.crt|key);
/// devices/ID/ holds what goes onto that board: device.json and the two nanoff deployment files.
/// </remarks>
public sealed class ProjectLayout(string root)
{
    /// <summary>The folder used when none is given (gitignored: it holds private keys).</summary>
    public const string DefaultRoot = ".nordiciot";

    /// <summary>The folder's full path.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The certificate store; pass it to <c>nordiciot sim --certs</c>.</summary>
    public string PkiFolder => Path.Combine(Root, "pki");

    /// <summary>The folder with one device's files.</summary>
    public string DeviceFolder(string deviceId) => Path.Combine(Root, "devices", deviceId);

    /// <summary>The settings the board app reads from I:\device.json.</summary>
    public string DeviceSettingsPath(string deviceId) => Path.Combine(DeviceFolder(deviceId), "device.json");

    /// <summary>The nanoff --filedeployment file.</summary>
    public string FileDeploymentPath(string deviceId) => Path.Combine(DeviceFolder(deviceId), "filedeployment.json");

    /// <summary>The nanoff --filedeployment file `nordiciot flash --app-set` writes: the provisioned files plus the first application set.</summary>
    public string FlashDeploymentPath(string deviceId) => Path.Combine(DeviceFolder(deviceId), "flash-filedeployment.json");

    /// <summary>Where `nordiciot flash --app-set` keeps the set record it deploys.</summary>
    public string AppSetFolder(string deviceId) => Path.Combine(DeviceFolder(deviceId), "app-set");

    /// <summary>The nanoff --networkdeployment file.</summary>
    public string NetworkDeploymentPath(string deviceId) => Path.Combine(DeviceFolder(deviceId), "networkdeployment.json");
}
