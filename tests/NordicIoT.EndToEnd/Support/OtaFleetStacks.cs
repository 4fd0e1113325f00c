using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NordicIoT.Device.Host.Simulation;
using NordicIoT.LocalStack;
using NordicIoT.Provisioning;
using NordicIoT.Testing;

namespace NordicIoT.EndToEnd.Support;

/// <summary>A stack with 20 simulated devices on their default settings that take updates from it: the release key made as `nordiciot provision` makes it, downloads through a <see cref="CountingProxy"/>, release files in the data folder.</summary>
public class OtaFleetStack : StackFixture
{
    /// <summary>Devices in the fleet.</summary>
    public const int Devices = 20;

    /// <summary>The relay the devices download through (the offers' base URL points at it).</summary>
    public CountingProxy Downloads { get; private set; } = null!;

    /// <summary>The folder `nordiciot` commands take as --dir (it holds pki/).</summary>
    public string ProjectFolder => Path.GetDirectoryName(Pki.RootDirectory)!;

    /// <summary>How long a whole fleet may take to update on a loaded 2-core machine.</summary>
    public static readonly TimeSpan OtaPatience = TimeSpan.FromSeconds(120);

    /// <summary>Signs a build output of random files with `nordiciot firmware sign` and uploads it with `nordiciot firmware upload`.</summary>
    public async Task<(string Id, long Size)> UploadAsync(string version, params (string Name, int Length)[] files)
    {
        string build = Directory.CreateDirectory(Path.Combine(ScratchFolder, $"build-{version}")).FullName;
        string signed = Path.Combine(ScratchFolder, $"release-{version}");
        foreach (var (name, length) in files)
        {
            var content = new byte[length];
            new Random(length).NextBytes(content);
            await File.WriteAllBytesAsync(Path.Combine(build, name), content);
        }

        await NordiciotProcess.RunAsync("firmware", "sign", "--dir", ProjectFolder, "--version", version, "--target", FleetOptions.Board, "--files", build, "--out", signed);
        string key = File.ReadAllText(Stack.AdminKeyPath).Trim();
        string printed = await NordiciotProcess.RunAsync("firmware", "upload", signed, "--url", Stack.BaseUrl.ToString(), "--key", key);
        string id = printed.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("release: ", StringComparison.Ordinal))["release: ".Length..];
        return (id, files.Sum(f => (long)f.Length));
    }

    /// <summary>Starts a rollout through the API and returns its id.</summary>
    public async Task<long> StartRolloutAsync(object body)
    {
        var response = await Admin.PostAsJsonAsync("api/rollouts", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST api/rollouts: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>The rollout's executions once there are at least <paramref name="atLeast"/> and every one has ended.</summary>
    public async Task<IReadOnlyList<ExecutionRow>> EndedExecutionsAsync(long rollout, int atLeast = 1)
    {
        IReadOnlyList<ExecutionRow> executions = [];
        await Eventually.TrueAsync(
            async () =>
            {
                executions = await ExecutionsAsync(rollout);
                return executions.Count >= atLeast && executions.All(e => e.EndedAt is not null);
            },
            OtaPatience,
            () => $"every execution of rollout {rollout} ended: {string.Join(", ", executions.Select(e => $"{e.DeviceId} {e.Status} {e.Step} {e.Percent} {e.Reason}"))}");
        return executions;
    }

    /// <summary>Every execution of the rollout (20 devices fit one page).</summary>
    public async Task<IReadOnlyList<ExecutionRow>> ExecutionsAsync(long rollout)
    {
        var page = await GetJsonAsync($"api/rollouts/{rollout}/executions?pageSize=100");
        return [.. page.GetProperty("executions").EnumerateArray().Select(ExecutionRow.From)];
    }

    /// <summary>The firmware version the device last reported, or null.</summary>
    public async Task<string?> ReportedVersionAsync(string deviceId)
    {
        var twin = await GetJsonAsync($"api/devices/{deviceId}");
        return twin.GetProperty("reported").TryGetProperty("firmwareVersion", out var field) ? field.GetProperty("value").GetString() : null;
    }

    /// <summary>The fleet's device ids.</summary>
    public IReadOnlyList<string> DeviceIds() => Stack.Options.SimulatedDeviceIds();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Downloads is not null)
        {
            await Downloads.DisposeAsync();
        }
    }

    protected override Task<LocalStackOptions> ConfigureAsync(LocalStackOptions options)
    {
        new ReleaseSigningKey(Pki.RootDirectory).Ensure();
        Downloads = new CountingProxy(options.ApiPort);
        return Task.FromResult(options with
        {
            SimulatedDevices = Devices,
            CloudSettings = new Dictionary<string, string> { ["Rollouts:PublicBaseUrl"] = $"http://127.0.0.1:{Downloads.Port}" },
        });
    }
}

/// <summary>The same fleet with release files in an s3rver bucket: the cloud answers each range with a redirect to a presigned URL.</summary>
public sealed class S3OtaFleetStack : OtaFleetStack
{
    private readonly S3rverProcess _s3 = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _s3.Dispose();
    }

    protected override async Task<LocalStackOptions> ConfigureAsync(LocalStackOptions options)
    {
        string bucket = await _s3.NewBucketAsync();
        return (await base.ConfigureAsync(options)) with { FirmwareS3Url = new Uri(_s3.ServiceUrl), FirmwareBucket = bucket };
    }
}

/// <summary>The fleet sampling every 5 s and sending each reading at once, so a test sees within seconds that a device still collects data.</summary>
public sealed class LiveOtaFleetStack : OtaFleetStack
{
    protected override async Task<LocalStackOptions> ConfigureAsync(LocalStackOptions options) =>
        (await base.ConfigureAsync(options)) with { SampleIntervalSeconds = 5, Mode = NordicIoT.Schemas.Messages.DeviceMode.Live };
}
