using Microsoft.Extensions.Diagnostics.HealthChecks;
using NordicIoT.Cloud.Bridge;

namespace NordicIoT.Cloud.Health;

/// <summary>Ready when the MQTT bridge is connected, or when no broker is configured (then there is nothing to bridge).</summary>
public sealed class BridgeHealthCheck(MqttBridge bridge) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = bridge.Status();
        return Task.FromResult(status.State switch
        {
            "disabled" => HealthCheckResult.Healthy("disabled: no broker configured (Broker:Host)"),
            "connected" => HealthCheckResult.Healthy($"connected since {status.ConnectedSince:O}"),
            _ => HealthCheckResult.Unhealthy($"not connected to the broker: {status.LastError ?? "connecting"}"),
        });
    }
}
