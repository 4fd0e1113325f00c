namespace NordicIoT.Cloud.Api.Contracts;

/// <summary>Result of a health endpoint.</summary>
/// <param name="Status">Healthy, Degraded or Unhealthy.</param>
public sealed record HealthReportView(string Status, IReadOnlyList<HealthCheckView> Checks);

/// <summary>One check of a health endpoint.</summary>
public sealed record HealthCheckView(string Name, string Status, string? Description, double DurationMs);

/// <summary>Ingestion counters of this process since start, and the MQTT bridge's state.</summary>
/// <param name="DeadLetters">Refused messages by reason.</param>
public sealed record MetricsView(long Batches, long Readings, long States, IReadOnlyDictionary<string, long> DeadLetters, BridgeView Bridge);

/// <summary>The MQTT bridge as the metrics endpoint shows it.</summary>
/// <param name="State">disabled, connected or disconnected.</param>
public sealed record BridgeView(string State, DateTimeOffset? ConnectedSince, string? LastError, long Received, long Retries);
