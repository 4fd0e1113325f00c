using NordicIoT.Device.Host.Simulation;
using NordicIoT.Provisioning;
using NordicIoT.Testing;

namespace NordicIoT.Dashboard.Tests.Support;

/// <summary>A test broker, the cloud app bridged to it, and simulated devices (the real device library) registered and running.</summary>
public class SimulatedFleet : IAsyncLifetime
{
    private readonly TempFolder _state = new("dashboard-fleet");
    private readonly int _devices;

    /// <summary>A fleet of one device, sim-1.</summary>
    public SimulatedFleet()
        : this(1)
    {
    }

    /// <summary>A fleet of <paramref name="devices"/> devices sim-1 .. sim-N.</summary>
    protected SimulatedFleet(int devices) => _devices = devices;

    public TestBroker Broker { get; } = TestBroker.Start();

    public CloudServer Server { get; private set; } = null!;

    public FleetSimulator Fleet { get; private set; } = null!;

    /// <summary>The release signing key beside the CA; the devices trust its public key and the cloud checks uploads with it.</summary>
    public ReleaseSigningKey ReleaseKey => new(Broker.Certificates.RootDirectory);

    public async Task InitializeAsync()
    {
        // As provisioning makes it beside the CA: the simulator puts the public key in every device's flash, the cloud checks uploads with it.
        ReleaseKey.Ensure();
        Server = await CloudServer.StartAsync(Broker, ReleaseKey.PublicKeyPath);
        var options = new FleetOptions
        {
            Devices = _devices,
            BrokerHost = "127.0.0.1",
            BrokerPort = Broker.Port,
            CertificateFolder = Broker.Certificates.RootDirectory,
            StateFolder = _state.Path,
            SampleIntervalSeconds = 5,
            UplinkIntervalSeconds = 10,
        };
        foreach (var id in options.DeviceIds())
        {
            Broker.Certificates.IssueDeviceCertificate(id);
        }

        await Server.RegisterAsync("simulated", [.. options.DeviceIds()]);
        Fleet = new FleetSimulator(options);
        Fleet.Start();
        foreach (var id in options.DeviceIds())
        {
            await Eventually.HoldsAsync(
                async () => (await Server.Storage.Devices.GetAsync(id, CancellationToken.None))?.Reported.ContainsKey("configVersion") == true,
                $"{id} did not report its state");
        }
    }

    public async Task DisposeAsync()
    {
        Fleet?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Broker.Dispose();
        _state.Dispose();
    }
}
