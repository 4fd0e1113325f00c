using System.Text.Json.Nodes;

namespace NordicIoT.Cloud.Devices;

/// <summary>The configuration the cloud wants a device to run: its version, its readable form, and when it was set.</summary>
/// <param name="Version">Configuration version sent to the device; the device reports it back once applied.</param>
/// <param name="Config">Readable form (the API's JSON shape of a device configuration).</param>
public sealed record DesiredConfig(long Version, JsonObject Config, DateTimeOffset UpdatedAt);
