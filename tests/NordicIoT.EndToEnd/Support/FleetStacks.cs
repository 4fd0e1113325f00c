using NordicIoT.LocalStack;
using NordicIoT.Schemas.Messages;
using NordicIoT.Testing;

namespace NordicIoT.EndToEnd.Support;

/// <summary>A stack with three simulated devices sampling every 3 s and sending each reading at once (live mode), on SQLite.</summary>
public class SqliteFleetStack : StackFixture
{
    /// <summary>Devices in the fleet.</summary>
    public const int Devices = 3;

    /// <summary>Seconds between samples.</summary>
    public const int SampleInterval = 3;

    protected override Task<LocalStackOptions> ConfigureAsync(LocalStackOptions options) => Task.FromResult(options with
    {
        SimulatedDevices = Devices,
        SampleIntervalSeconds = SampleInterval,
        UplinkIntervalSeconds = DeviceConfigCodec.MinUplinkInterval,
        Mode = DeviceMode.Live,
    });
}

/// <summary>The same fleet on DynamoDB: a dynalite of its own.</summary>
public sealed class DynamoDbFleetStack : SqliteFleetStack
{
    private readonly DynaliteProcess _dynalite = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _dynalite.DisposeAsync();
    }

    protected override async Task<LocalStackOptions> ConfigureAsync(LocalStackOptions options)
    {
        await _dynalite.InitializeAsync();
        return (await base.ConfigureAsync(options)) with { Storage = LocalStorage.DynamoDb, DynamoDbUrl = new Uri(_dynalite.ServiceUrl) };
    }
}
