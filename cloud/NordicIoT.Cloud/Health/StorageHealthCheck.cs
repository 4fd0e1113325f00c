using Microsoft.Extensions.Diagnostics.HealthChecks;
using NordicIoT.Cloud.Storage;

namespace NordicIoT.Cloud.Health;

/// <summary>Ready when the storage engine answers a cheap query.</summary>
public sealed class StorageHealthCheck(ICloudStorage storage) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var devices = await storage.Devices.CountAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{devices} devices registered");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"storage does not answer: {e.Message}", e);
        }
    }
}
