using NordicIoT.Cloud.Storage;

namespace NordicIoT.Cloud.Storage.Tests;

/// <summary>The behaviour every storage engine must show; each engine runs it through a subclass that creates a fresh, initialized storage per test.</summary>
public abstract partial class CloudStorageContract : IAsyncLifetime
{
    /// <summary>2026-03-01T00:00:00Z, the tests' "now".</summary>
    protected static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    protected static readonly long NowSeconds = Now.ToUnixTimeSeconds();

    protected ICloudStorage Storage { get; private set; } = null!;

    protected static CancellationToken None => CancellationToken.None;

    /// <summary>A new storage with empty stores, not yet initialized.</summary>
    protected abstract ICloudStorage CreateStorage();

    public async Task InitializeAsync()
    {
        Storage = CreateStorage();
        await Storage.InitializeAsync(None);
    }

    public virtual async Task DisposeAsync()
    {
        await Storage.DisposeAsync();
    }

    [Fact]
    public async Task Initializing_again_keeps_what_is_stored()
    {
        await Storage.Devices.TryCreateAsync(Twin("dev-1"), None);

        await Storage.InitializeAsync(None);

        Assert.NotNull(await Storage.Devices.GetAsync("dev-1", None));
    }
}
