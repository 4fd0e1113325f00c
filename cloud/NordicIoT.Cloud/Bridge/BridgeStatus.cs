namespace NordicIoT.Cloud.Bridge;

/// <summary>The MQTT bridge's state for health and metrics.</summary>
/// <param name="State">"disabled", "connected" or "disconnected".</param>
/// <param name="Received">Messages received since start.</param>
/// <param name="Retries">Ingestion attempts that failed and were tried again (storage unreachable).</param>
public sealed record BridgeStatus(string State, DateTimeOffset? ConnectedSince, string? LastError, long Received, long Retries);
