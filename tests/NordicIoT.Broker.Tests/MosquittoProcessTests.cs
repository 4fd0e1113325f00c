using System.Diagnostics;
using NordicIoT.Provisioning;
using NordicIoT.Testing;

namespace NordicIoT.Broker.Tests;

public sealed class MosquittoProcessTests : IDisposable
{
    private readonly TempFolder _folder = new("mosquitto-process");
    private readonly CertificateStore _certificates;
    private readonly CertificateFiles _server;

    public MosquittoProcessTests()
    {
        _certificates = new CertificateStore(Path.Combine(_folder.Path, "pki"));
        _certificates.EnsureCa();
        _server = _certificates.IssueServerCertificate();
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_broker_that_cannot_start_fails_with_its_log_in_the_error()
    {
        var settings = Settings() with { KeyFile = Path.Combine(_folder.Path, "missing.key") };

        var error = Assert.Throws<BrokerStartException>(() => MosquittoProcess.Start(settings));

        Assert.Contains("exited", error.Message);
        Assert.Contains("key", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Dispose_stops_the_process_and_it_saves_its_database()
    {
        var broker = MosquittoProcess.Start(Settings());
        using var process = Process.GetProcessById(broker.ProcessId);

        broker.Dispose();

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(1)));
        Assert.True(File.Exists(Path.Combine(broker.Files.PersistenceDirectory, "mosquitto.db")), "SIGTERM lets Mosquitto save");
    }

    [Fact]
    public void A_stopped_broker_starts_again_on_the_same_port()
    {
        var settings = Settings();
        MosquittoProcess.Start(settings).Dispose();

        using var again = MosquittoProcess.Start(settings);

        Assert.True(again.IsRunning);
    }

    private BrokerSettings Settings() => new(
        FreeTcpPort.Next(), Path.Combine(_folder.Path, "data"), _certificates.CaCertificatePath, _server.CertificatePath, _server.KeyPath);
}
