using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Ingestion;
using NordicIoT.Cloud.Readings;
using NordicIoT.Cloud.Sqlite;
using NordicIoT.Cloud.Storage;
using NordicIoT.Testing;

namespace NordicIoT.Cloud.Tests.Support;

/// <summary>An ingestion pipeline on a fresh SQLite database in a temp folder, with recorded events and its own metrics.</summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    /// <summary>The receive time tests use unless they say otherwise.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new("cloud-pipeline");

    private PipelineHarness(IngestOptions options, Func<ICloudStorage, ICloudStorage>? wrap)
    {
        Sqlite = new SqliteCloudStorage(Path.Combine(_folder.Path, "nordiciot.db"));
        Storage = wrap is null ? Sqlite : wrap(Sqlite);
        Options = options;
        Pipeline = new IngestPipeline(Storage, Events, options, Metrics);
    }

    public SqliteCloudStorage Sqlite { get; }

    public ICloudStorage Storage { get; }

    public IngestOptions Options { get; }

    public RecordingEvents Events { get; } = new();

    public IngestMetrics Metrics { get; } = new();

    public IngestPipeline Pipeline { get; }

    /// <summary>Creates the database; <paramref name="wrap"/> may put a decorator around the real storage.</summary>
    public static async Task<PipelineHarness> StartAsync(IngestOptions? options = null, Func<ICloudStorage, ICloudStorage>? wrap = null)
    {
        var harness = new PipelineHarness(options ?? new IngestOptions(), wrap);
        await harness.Sqlite.InitializeAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Registers a device.</summary>
    public async Task RegisterAsync(string deviceId)
    {
        Assert.True(await Storage.Devices.TryCreateAsync(new DeviceTwin { DeviceId = deviceId, CreatedAt = Now.AddDays(-30), Version = 1 }, CancellationToken.None));
    }

    /// <summary>Ingests a payload received at <paramref name="receivedAt"/> (default <see cref="Now"/>).</summary>
    public Task<IngestOutcome> IngestAsync(string topic, byte[] payload, DateTimeOffset? receivedAt = null) =>
        Pipeline.IngestAsync(topic, payload, receivedAt ?? Now, CancellationToken.None);

    /// <summary>The twin as stored.</summary>
    public async Task<DeviceTwin> TwinAsync(string deviceId) =>
        await Storage.Devices.GetAsync(deviceId, CancellationToken.None) ?? throw new InvalidOperationException($"no twin {deviceId}");

    /// <summary>All stored readings of one sensor.</summary>
    public Task<IReadOnlyList<Reading>> ReadingsAsync(string deviceId, int sensor) =>
        Storage.Readings.QueryAsync(deviceId, sensor, DateTimeOffset.UnixEpoch, Now.AddDays(1), 100_000, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Metrics.Dispose();
        await Sqlite.DisposeAsync();
        _folder.Dispose();
    }
}
