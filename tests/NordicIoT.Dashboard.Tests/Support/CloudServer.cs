using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Ingestion;
using NordicIoT.Cloud.Storage;
using NordicIoT.Testing;

namespace NordicIoT.Dashboard.Tests.Support;

/// <summary>The real cloud app on Kestrel at http://127.0.0.1:{free port}, on a fresh SQLite database, with the system clock; optionally bridged to a test broker.</summary>
public sealed class CloudServer : WebApplicationFactory<Program>
{
    private readonly TempFolder _folder = new("dashboard");
    private readonly Dictionary<string, string?> _settings;

    private CloudServer(TestBroker? broker, string? releasePublicKeyPath)
    {
        Port = FreeTcpPort.Next();
        _settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = Path.Combine(_folder.Path, "data"),
            ["Auth:CreateFirstAdminKey"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Rollouts:PublicBaseUrl"] = Url,
            // The fleet simulator's devices report board "simulator".
            ["Firmware:Targets:0"] = "simulator",
            ["Firmware:ReleasePublicKeyPath"] = releasePublicKeyPath,
        };
        if (broker is not null)
        {
            foreach (var (key, value) in broker.CloudAppSettings())
            {
                _settings[key] = value;
            }

            _settings["Broker:ReconnectMinDelay"] = "00:00:00.200";
            _settings["Broker:ReconnectMaxDelay"] = "00:00:01";
        }

        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
    }

    /// <summary>The port Kestrel listens on.</summary>
    public int Port { get; }

    /// <summary>Where the dashboard is.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>The app's storage.</summary>
    public ICloudStorage Storage => Services.GetRequiredService<ICloudStorage>();

    /// <summary>The app's ingestion pipeline (the one the MQTT bridge feeds).</summary>
    public IngestPipeline Pipeline => Services.GetRequiredService<IngestPipeline>();

    /// <summary>Starts the app; with a broker, waits until the bridge is connected. Uploads need <paramref name="releasePublicKeyPath"/> (release-signing.pub).</summary>
    public static async Task<CloudServer> StartAsync(TestBroker? broker = null, string? releasePublicKeyPath = null)
    {
        var server = new CloudServer(broker, releasePublicKeyPath);
        server.StartServer();
        using var http = server.Http();
        await Eventually.HoldsAsync(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "the cloud app did not get ready");
        return server;
    }

    /// <summary>An HTTP client for the server's real address (no key).</summary>
    public HttpClient Http() => new() { BaseAddress = new Uri(Url) };

    /// <summary>Stores a new key of <paramref name="role"/> and returns it.</summary>
    public async Task<string> KeyAsync(ApiRole role)
    {
        var (key, record) = ApiKeys.Create($"dashboard test {role}", role, DateTimeOffset.UtcNow);
        await Storage.ApiKeys.AddAsync(record, CancellationToken.None);
        return key;
    }

    /// <summary>Registers devices directly in storage (optionally in a group).</summary>
    public async Task RegisterAsync(string? group, params string[] deviceIds)
    {
        foreach (var id in deviceIds)
        {
            Assert.True(await Storage.Devices.TryCreateAsync(
                new DeviceTwin { DeviceId = id, Group = group, CreatedAt = DateTimeOffset.UtcNow.AddDays(-3), Version = 1 }, CancellationToken.None));
        }
    }

    /// <summary>Ingests a device message as the bridge would, received at <paramref name="receivedAt"/> (default now).</summary>
    public Task<IngestOutcome> IngestAsync(string topic, byte[] payload, DateTimeOffset? receivedAt = null) =>
        Pipeline.IngestAsync(topic, payload, receivedAt ?? DateTimeOffset.UtcNow, CancellationToken.None);

    /// <summary>Ingests a device message that must be accepted.</summary>
    public async Task AcceptAsync(string topic, byte[] payload, DateTimeOffset? receivedAt = null)
    {
        var outcome = await IngestAsync(topic, payload, receivedAt);
        Assert.True(outcome.DeadLetterReason is null, $"{topic} was refused: {outcome.DeadLetterReason} {outcome.Detail}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
    }

    /// <summary>Stops the app and deletes its folder.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }
}
