using NordicIoT.Broker;
using NordicIoT.Mqtt;
using NordicIoT.Provisioning;

namespace NordicIoT.Testing;

/// <summary>A real Mosquitto with mutual TLS on a free 127.0.0.1 port, with its own CA, broker and "cloud" certificates in a temp folder.</summary>
public sealed class TestBroker : IDisposable
{
    /// <summary>The service identity the ACL gives read/write on every device topic.</summary>
    public const string CloudIdentity = "cloud";

    private readonly TempFolder _folder;
    private readonly BrokerSettings _settings;
    private MosquittoProcess _process;

    private TestBroker(TempFolder folder, CertificateStore certificates, BrokerSettings settings, CertificateFiles cloud)
    {
        _folder = folder;
        Certificates = certificates;
        _settings = settings;
        Cloud = cloud;
        _process = MosquittoProcess.Start(settings);
    }

    /// <summary>The store holding this broker's CA; issue device certificates from it.</summary>
    public CertificateStore Certificates { get; }

    /// <summary>The "cloud" service certificate.</summary>
    public CertificateFiles Cloud { get; }

    /// <summary>The TLS port on 127.0.0.1.</summary>
    public int Port => _settings.Port;

    /// <summary>The PID of the current mosquitto process.</summary>
    public int ProcessId => _process.ProcessId;

    /// <summary>Issues certificates and starts the broker; throws <see cref="BrokerStartException"/> if Mosquitto is missing or fails.</summary>
    public static TestBroker Start()
    {
        var folder = new TempFolder("broker");
        try
        {
            var certificates = new CertificateStore(Path.Combine(folder.Path, "pki"));
            certificates.EnsureCa();
            var server = certificates.IssueServerCertificate();
            var cloud = certificates.IssueServiceCertificate(CloudIdentity);
            var settings = new BrokerSettings(
                FreeTcpPort.Next(), Path.Combine(folder.Path, "broker"), certificates.CaCertificatePath, server.CertificatePath, server.KeyPath)
            {
                ServiceUsers = [CloudIdentity],
            };
            return new TestBroker(folder, certificates, settings, cloud);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Issues a certificate for <paramref name="deviceId"/> and returns client options that present it.</summary>
    public MqttClientOptions DeviceOptions(string deviceId) => OptionsFor(Certificates.IssueDeviceCertificate(deviceId));

    /// <summary>Client options that present the "cloud" certificate.</summary>
    public MqttClientOptions CloudOptions() => OptionsFor(Cloud);

    /// <summary>The cloud app's settings that bridge it to this broker as the "cloud" identity ("Broker:Host", port and certificate paths).</summary>
    public Dictionary<string, string?> CloudAppSettings() => new()
    {
        ["Broker:Host"] = "127.0.0.1",
        ["Broker:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Broker:CaCertificatePath"] = Certificates.CaCertificatePath,
        ["Broker:CertificatePath"] = Cloud.CertificatePath,
        ["Broker:KeyPath"] = Cloud.KeyPath,
    };

    /// <summary>Client options for this broker with the given client certificate (null: none) and this broker's CA.</summary>
    public MqttClientOptions OptionsFor(CertificateFiles? clientCertificate) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        Credentials = MqttTlsCredentials.FromPemFiles(
            Certificates.CaCertificatePath, clientCertificate?.CertificatePath, clientCertificate?.KeyPath),
    };

    /// <summary>Stops the broker gracefully (it saves retained messages) and starts it again on the same port.</summary>
    public void Restart()
    {
        Stop();
        StartAgain();
    }

    /// <summary>Stops the broker gracefully; <see cref="StartAgain"/> brings it back on the same port with what it saved.</summary>
    public void Stop() => _process.Dispose();

    /// <summary>Starts the broker stopped by <see cref="Stop"/> again on the same port.</summary>
    public void StartAgain() => _process = MosquittoProcess.Start(_settings);

    /// <summary>Sends SIGSTOP or SIGCONT to the broker: stopped, it keeps TCP connections open but answers nothing.</summary>
    public void Freeze(bool frozen)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [frozen ? "-STOP" : "-CONT", ProcessId.ToString()]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {(frozen ? "-STOP" : "-CONT")} {ProcessId} exited with {kill.ExitCode}.");
        }
    }

    /// <summary>The last lines of the broker's log, for assertion messages.</summary>
    public string LogTail() => _process.LogTail();

    /// <summary>Stops the broker and deletes its certificates and data.</summary>
    public void Dispose()
    {
        _process.Dispose();
        _folder.Dispose();
    }
}
