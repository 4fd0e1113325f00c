using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Ingestion;
using NordicIoT.Cloud.Publishing;
using NordicIoT.Cloud.Rollouts;
using NordicIoT.Cloud.Storage;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Tests.Support;

/// <summary>The real app (as <see cref="CloudApp"/> makes it) set up for OTA: a release key, a public base URL, no background driver (tests drive), and a recording publisher in place of the broker.</summary>
public sealed class OtaApp : IAsyncDisposable
{
    /// <summary>The public base URL offers point at.</summary>
    public const string PublicBaseUrl = "http://cloud.test";

    private readonly CloudApp _app;

    /// <summary>Creates the app; <paramref name="settings"/> add to or override the OTA settings; <paramref name="services"/> may replace more services.</summary>
    public OtaApp(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Firmware:ReleasePublicKey"] = SignedRelease.PublicKeyHex(Key),
            ["Rollouts:PublicBaseUrl"] = PublicBaseUrl,
            ["Rollouts:DriverEnabled"] = "false",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        _app = new CloudApp(all);
        Factory = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<IDevicePublisher>(Publisher);
            services?.Invoke(s);
        }));
    }

    /// <summary>The release signing key the app trusts.</summary>
    public ECDsa Key { get; } = SignedRelease.NewKey();

    public RecordingPublisher Publisher { get; } = new();

    public WebApplicationFactory<Program> Factory { get; }

    public ManualClock Clock => _app.Clock;

    public string DataDirectory => _app.DataDirectory;

    public ICloudStorage Storage => Factory.Services.GetRequiredService<ICloudStorage>();

    public RolloutRunner Runner => Factory.Services.GetRequiredService<RolloutRunner>();

    /// <summary>A client with a new API key of <paramref name="role"/>.</summary>
    public async Task<HttpClient> ClientAsync(ApiRole role)
    {
        var (key, record) = ApiKeys.Create($"test {role}", role, Clock.Now);
        await Storage.ApiKeys.AddAsync(record, CancellationToken.None);
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Uploads a release as admin, expecting 201; returns its id.</summary>
    public async Task<string> UploadAsync(SignedRelease release)
    {
        using var admin = await ClientAsync(ApiRole.Admin);
        var response = await admin.PostAsync("/api/firmware", release.Multipart());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>A release of <paramref name="version"/> with one file, signed with the trusted key, uploaded; returns its id.</summary>
    public Task<string> UploadAsync(string version, int size = 3000, bool allowDowngrade = false) =>
        UploadAsync(new SignedRelease(Key, version, new Dictionary<string, byte[]> { ["App.pe"] = SignedRelease.Content(size) }, allowDowngrade: allowDowngrade));

    /// <summary>Registers devices in a group.</summary>
    public async Task RegisterAsync(string? group, params string[] deviceIds)
    {
        using var admin = await ClientAsync(ApiRole.Admin);
        foreach (var id in deviceIds)
        {
            (await admin.PostAsJsonAsync("/api/devices", new { deviceId = id, group })).EnsureSuccessStatusCode();
        }
    }

    /// <summary>The device's current retained offer, decoded; null when it has none.</summary>
    public FirmwareOffer? Offer(string deviceId) =>
        Publisher.RetainedOffer(deviceId) is { Length: > 0 } bytes ? FirmwareOfferCodec.Decode(new CborReader(bytes, 0, bytes.Length)) : null;

    /// <summary>Ingests a state report carrying OTA progress, as the bridge would.</summary>
    public Task ReportAsync(string deviceId, long rolloutId, OtaStatus status, int percent = -1, string? reason = null, string? version = null, DateTimeOffset? at = null) =>
        Factory.Services.GetRequiredService<IngestPipeline>().IngestAsync($"d/{deviceId}/s", Wire.State(r =>
        {
            r.Time = Wire.Seconds(at ?? Clock.Now);
            r.Ota = new OtaProgress { RolloutId = rolloutId, Status = status, Percent = percent, Reason = reason, Version = version };
        }), Clock.Now, CancellationToken.None);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
