using System.Text.Json.Nodes;

namespace NordicIoT.Cloud.Api.Contracts;

/// <summary>A device's desired configuration (or the defaults) with its version, which is also the ETag.</summary>
/// <param name="Version">0 while no configuration was ever set (the device runs the defaults).</param>
/// <param name="State">default, pending, applied or rejected.</param>
/// <param name="Rejection">Why the device refused this version, when it did.</param>
public sealed record ConfigView(string DeviceId, long Version, JsonObject Config, DateTimeOffset? UpdatedAt, string State, string? Rejection);

/// <summary>Answer to PUT /api/devices/{id}/config: the stored configuration and whether the broker took it.</summary>
/// <param name="Published">True when the retained message reached the broker; false means it is stored and waits for the next publish.</param>
/// <param name="PublishError">Why publishing failed.</param>
public sealed record ConfigUpdated(ConfigView Config, bool Published, string? PublishError);
