using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Ingestion;
using NordicIoT.Cloud.Storage;
using NordicIoT.Testing;

namespace NordicIoT.Cloud.Tests.Support;

/// <summary>The real app on a fresh SQLite database in a temp folder, with a manual clock; settings may be added per test class.</summary>
public sealed class CloudApp : WebApplicationFactory<Program>
{
    private readonly TempFolder _folder = new("cloud-app");
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <summary>Creates the app (started on first use); <paramref name="settings"/> override configuration keys ("Section:Key"), <paramref name="services"/> may replace services.</summary>
    public CloudApp(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Storage:DataDirectory"] = DataDirectory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The clock the app uses.</summary>
    public ManualClock Clock { get; } = new(PipelineHarness.Now);

    /// <summary>The data folder (database, first admin key).</summary>
    public string DataDirectory => Path.Combine(_folder.Path, "data");

    /// <summary>The app's storage.</summary>
    public ICloudStorage Storage => Services.GetRequiredService<ICloudStorage>();

    /// <summary>The app's ingestion pipeline.</summary>
    public IngestPipeline Pipeline => Services.GetRequiredService<IngestPipeline>();

    /// <summary>A client sending a new API key of <paramref name="role"/> as a bearer token.</summary>
    public async Task<HttpClient> ClientAsync(ApiRole role)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await KeyAsync(role));
        return client;
    }

    /// <summary>Stores a new key of <paramref name="role"/> and returns it.</summary>
    public async Task<string> KeyAsync(ApiRole role)
    {
        var (key, record) = ApiKeys.Create($"test {role}", role, Clock.Now);
        await Storage.ApiKeys.AddAsync(record, CancellationToken.None);
        return key;
    }

    /// <summary>Registers devices through the API.</summary>
    public async Task RegisterAsync(params string[] deviceIds) => await RegisterInGroupAsync(null, deviceIds);

    /// <summary>Registers devices in a group through the API.</summary>
    public async Task RegisterInGroupAsync(string? group, params string[] deviceIds)
    {
        using var admin = await ClientAsync(ApiRole.Admin);
        foreach (var id in deviceIds)
        {
            (await admin.PostAsJsonAsync("/api/devices", new { deviceId = id, group })).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Ingests a payload as if the bridge had received it at <paramref name="receivedAt"/> (default: the clock's now).</summary>
    public async Task<IngestOutcome> IngestAsync(string topic, byte[] payload, DateTimeOffset? receivedAt = null) =>
        await Pipeline.IngestAsync(topic, payload, receivedAt ?? Clock.Now, CancellationToken.None);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            _services?.Invoke(services);
        });
    }

    /// <summary>Stops the app (storage is disposed asynchronously, so this is the way to end it) and deletes its folder.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }
}
