namespace NordicIoT.Cloud.Storage;

/// <summary>Creates the data folder (owner-only) and the storage engine's tables before anything else starts; safe on every start.</summary>
public sealed class StorageInitializer(ICloudStorage storage, DataFolder folder) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        folder.Create();
        return storage.InitializeAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
