using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NordicIoT.LocalStack;
using NordicIoT.Provisioning;
using NordicIoT.Testing;

namespace NordicIoT.EndToEnd.Support;

/// <summary>A whole local stack (Mosquitto, the cloud app, optionally a simulated fleet) in a temp folder on free ports, started once per test class; an admin client for its API.</summary>
public class StackFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new("e2e");

    /// <summary>The project CA and every certificate it issued.</summary>
    public CertificateStore Pki { get; }

    /// <summary>The running stack.</summary>
    public LocalStackHost Stack { get; private set; } = null!;

    /// <summary>A client of the API with the admin key the app made on first start.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>When the fixture started the stack (readings of its devices cannot be older).</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>A temp folder for the test's own files, deleted with the fixture.</summary>
    public string ScratchFolder => Directory.CreateDirectory(Path.Combine(_folder.Path, "scratch")).FullName;

    public StackFixture()
    {
        Pki = new CertificateStore(Path.Combine(_folder.Path, "pki"));
    }

    public virtual async Task InitializeAsync()
    {
        var options = await ConfigureAsync(new LocalStackOptions
        {
            PkiFolder = Pki.RootDirectory,
            StateFolder = Path.Combine(_folder.Path, "state"),
            ApiPort = FreeTcpPort.Next(),
            BrokerPort = FreeTcpPort.Next(),
        });
        Pki.EnsureCa();
        Pki.IssueServerCertificate();
        Pki.IssueServiceCertificate("cloud");
        foreach (var deviceId in options.SimulatedDeviceIds())
        {
            Pki.IssueDeviceCertificate(deviceId);
        }

        StartedAt = DateTimeOffset.UtcNow;
        Stack = await LocalStackHost.StartAsync(options, null, CancellationToken.None);
        Admin = ClientWithKey(File.ReadAllText(Stack.AdminKeyPath).Trim());
    }

    public virtual async Task DisposeAsync()
    {
        Admin?.Dispose();
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        _folder.Dispose();
    }

    /// <summary>A client of the API sending <paramref name="key"/> (null: no key).</summary>
    public HttpClient ClientWithKey(string? key)
    {
        var client = new HttpClient { BaseAddress = Stack.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Creates an API key with <paramref name="role"/> through the API and returns it.</summary>
    public async Task<string> CreateKeyAsync(string role)
    {
        var response = await Admin.PostAsJsonAsync("api/keys", new { name = $"e2e {role}", role });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>Issues a certificate for <paramref name="deviceId"/> and registers the device through the API.</summary>
    public async Task<CertificateFiles> AddDeviceAsync(string deviceId)
    {
        var files = Pki.IssueDeviceCertificate(deviceId);
        (await Admin.PostAsJsonAsync("api/devices", new { deviceId })).EnsureSuccessStatusCode();
        return files;
    }

    /// <summary>Every reading of one sensor of a device over [from, to) as the CSV export returns it.</summary>
    public async Task<IReadOnlyList<CsvReading>> ReadingsAsync(string deviceId, string sensor, DateTimeOffset from, DateTimeOffset to)
    {
        var url = $"api/devices/{deviceId}/readings/{sensor}/export.csv?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
        var response = await Admin.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {text}");
        return CsvReading.Parse(text);
    }

    /// <summary>The JSON of GET <paramref name="url"/> with the admin key, after checking it is 200.</summary>
    public async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await Admin.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Lets a subclass choose storage, a fleet or settings.</summary>
    protected virtual Task<LocalStackOptions> ConfigureAsync(LocalStackOptions options) => Task.FromResult(options);
}
