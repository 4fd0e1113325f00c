using NordicIoT.Cloud.Api.Config;
using NordicIoT.Cloud.Api.Devices;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Storage;

namespace NordicIoT.Cloud.Publishing;

/// <summary>Publishes again the desired configuration of every device that has not applied it, so a change saved while the broker was unreachable still reaches the device.</summary>
/// <remarks>
/// The bridge calls it each time it connects. Publishing is retained and idempotent (the device applies a version once),
/// so sending a configuration that did get through before costs one message and changes nothing.
/// </remarks>
public sealed partial class PendingConfigPublisher(ICloudStorage storage, IDevicePublisher publisher, ILogger<PendingConfigPublisher> logger)
{
    private const int PageSize = 200;

    /// <summary>Publishes each pending desired configuration; returns how many were published. A failed publish stops the pass (the connection is gone; the next connect runs it again).</summary>
    public async Task<int> PublishAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        string? continuation = null;
        do
        {
            var page = await storage.Devices.ListAsync(new DeviceQuery(null, null, DeviceSort.Id, PageSize, continuation), cancellationToken).ConfigureAwait(false);
            foreach (var twin in page.Devices)
            {
                if (twin.Desired is { } desired && ConfigSync.StateOf(twin) == ConfigSync.Pending && Encode(twin.DeviceId, desired) is { } payload)
                {
                    await publisher.PublishConfigAsync(twin.DeviceId, payload, cancellationToken).ConfigureAwait(false);
                    published++;
                }
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        if (published > 0)
        {
            LogPublished(published);
        }

        return published;
    }

    // The API stored it after the same parse, so it fails only if the store was edited by hand: that device is skipped.
    private byte[]? Encode(string deviceId, DesiredConfig desired)
    {
        var errors = new Dictionary<string, List<string>>();
        if (ConfigJson.Parse(desired.Config, errors) is not { } config)
        {
            LogUnreadable(deviceId, desired.Version, string.Join("; ", errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}")));
            return null;
        }

        config.Version = desired.Version;
        return ConfigCbor.Encode(config);
    }

    [LoggerMessage(LogLevel.Information, "Published {Count} pending device configuration(s) again after connecting to the broker.")]
    private partial void LogPublished(int count);

    [LoggerMessage(LogLevel.Warning, "The stored desired configuration {Version} of {DeviceId} does not parse and was not published again: {Problems}")]
    private partial void LogUnreadable(string deviceId, long version, string problems);
}
