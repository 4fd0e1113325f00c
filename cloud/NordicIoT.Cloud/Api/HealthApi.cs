using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using NordicIoT.Cloud.Api.Contracts;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Bridge;
using NordicIoT.Cloud.Health;
using NordicIoT.Cloud.Ingestion;

namespace NordicIoT.Cloud.Api;

/// <summary>Liveness and readiness (no key needed, for load balancers and `nordiciot up`), and ingestion metrics (viewer).</summary>
public static class HealthApi
{
    /// <summary>Maps /health/live, /health/ready and /health/metrics.</summary>
    public static RouteGroupBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/health").WithTags("Health");
        api.MapHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync })
            .AllowAnonymous().WithSummary("200 while the process runs.");
        api.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthServiceCollectionExtensions.ReadyTag), ResponseWriter = HealthResponseWriter.WriteAsync })
            .AllowAnonymous().WithSummary("200 when storage answers and the MQTT bridge is connected (or disabled); 503 otherwise.");
        api.MapGet("/metrics", GetMetrics).WithName(nameof(GetMetrics)).RequireAuthorization(ApiRoles.Viewer)
            .WithSummary("Ingestion counters of this process since start (batches, readings, state reports, dead letters by reason) and the bridge's state.");
        return api;
    }

    /// <summary>Ingestion counters and bridge state.</summary>
    public static Ok<MetricsView> GetMetrics(IngestMetrics metrics, MqttBridge bridge)
    {
        var totals = metrics.Snapshot();
        var status = bridge.Status();
        return TypedResults.Ok(new MetricsView(
            totals.Batches, totals.Readings, totals.States, totals.DeadLetters,
            new BridgeView(status.State, status.ConnectedSince, status.LastError, status.Received, status.Retries)));
    }
}
