using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.DeadLetters;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.Readings;
using NordicIoT.Cloud.Rollouts;
using NordicIoT.Cloud.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Tests.Support;

/// <summary>Real storage whose reading store fails the next <see cref="FailuresLeft"/> writes, as a database that is briefly unreachable would.</summary>
public sealed class FlakyStorage(ICloudStorage inner) : ICloudStorage, IReadingStore
{
    /// <summary>Batch writes that will still throw.</summary>
    public int FailuresLeft { get; set; }

    /// <summary>Batch writes attempted, failed or not.</summary>
    public int Attempts { get; private set; }

    public IDeviceStore Devices => inner.Devices;

    public IReadingStore Readings => this;

    public IDeadLetterStore DeadLetters => inner.DeadLetters;

    public IApiKeyStore ApiKeys => inner.ApiKeys;

    public IReleaseStore Releases => inner.Releases;

    public IRolloutStore Rollouts => inner.Rollouts;

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    public Task StoreBatchAsync(string deviceId, ReadingBatch batch, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        Attempts++;
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new IOException("database unreachable (test)");
        }

        return inner.Readings.StoreBatchAsync(deviceId, batch, payload, receivedAt, cancellationToken);
    }

    public Task<IReadOnlyList<Reading>> QueryAsync(string deviceId, int sensor, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
        inner.Readings.QueryAsync(deviceId, sensor, from, to, limit, cancellationToken);
}
