using System.Net.Http.Headers;
using System.Net.Http.Json;
using NordicIoT.LocalStack;
using NordicIoT.Mqtt;
using NordicIoT.Provisioning;
using NordicIoT.Testing;

namespace NordicIoT.Benchmarks.Cloud;

/// <summary>The local stack `nordiciot up` runs (Mosquitto with mutual TLS, the cloud app on SQLite) in a temp folder on free ports, with registered devices whose certificates the benchmark connects with.</summary>
public sealed class BenchStack : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly CertificateStore _pki;

    private BenchStack(TempFolder folder, CertificateStore pki, LocalStackHost stack, HttpClient admin)
    {
        _folder = folder;
        _pki = pki;
        Stack = stack;
        Admin = admin;
    }

    /// <summary>The running stack.</summary>
    public LocalStackHost Stack { get; }

    /// <summary>An API client with the admin key, allowed as many connections as the load needs.</summary>
    public HttpClient Admin { get; }

    /// <summary>Starts the stack and registers <paramref name="deviceIds"/> through the API.</summary>
    public static async Task<BenchStack> StartAsync(IReadOnlyList<string> deviceIds)
    {
        var folder = new TempFolder("bench-cloud");
        var pki = new CertificateStore(Path.Combine(folder.Path, "pki"));
        pki.EnsureCa();
        pki.IssueServerCertificate();
        pki.IssueServiceCertificate("cloud");
        var stack = await LocalStackHost.StartAsync(
            new LocalStackOptions { PkiFolder = pki.RootDirectory, StateFolder = Path.Combine(folder.Path, "state"), ApiPort = FreeTcpPort.Next(), BrokerPort = FreeTcpPort.Next() },
            null,
            CancellationToken.None);
        var admin = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = stack.BaseUrl };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(stack.AdminKeyPath).Trim());
        foreach (var deviceId in deviceIds)
        {
            (await admin.PostAsJsonAsync("api/devices", new { deviceId })).EnsureSuccessStatusCode();
        }

        return new BenchStack(folder, pki, stack, admin);
    }

    /// <summary>MQTT client options for <paramref name="deviceId"/> with a certificate issued for it now.</summary>
    public MqttClientOptions DeviceOptions(string deviceId)
    {
        var files = _pki.IssueDeviceCertificate(deviceId);
        return new MqttClientOptions
        {
            Host = Stack.Options.ListenAddress,
            Port = Stack.Options.BrokerPort,
            Credentials = MqttTlsCredentials.FromPemFiles(_pki.CaCertificatePath, files.CertificatePath, files.KeyPath),
        };
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Stack.DisposeAsync();
        _folder.Dispose();
    }
}
