using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.DeadLetters;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.Readings;
using NordicIoT.Cloud.Rollouts;

namespace NordicIoT.Cloud.Storage;

/// <summary>One storage engine's stores (SQLite locally, DynamoDB on AWS), created together so they share a connection or client.</summary>
public interface ICloudStorage : IAsyncDisposable
{
    IDeviceStore Devices { get; }

    IReadingStore Readings { get; }

    IDeadLetterStore DeadLetters { get; }

    IApiKeyStore ApiKeys { get; }

    /// <summary>Firmware release metadata (the files are in an <see cref="IFirmwareFileStore"/>).</summary>
    IReleaseStore Releases { get; }

    IRolloutStore Rollouts { get; }

    /// <summary>Creates tables if missing; safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);
}
