namespace NordicIoT.Cloud.Ingestion.Events;

/// <summary>Something that happened to one device, for live listeners (dashboard, server-sent events).</summary>
/// <param name="DeviceId">The device it happened to.</param>
/// <param name="At">When the cloud saw it happen (receive time).</param>
public abstract record DeviceEvent(string DeviceId, DateTimeOffset At);

/// <summary>A batch of readings was stored.</summary>
/// <param name="Count">Readings in the batch.</param>
/// <param name="Sensors">Sensor ids the batch held.</param>
/// <param name="From">Device time of the earliest reading.</param>
/// <param name="To">Device time of the latest reading.</param>
public sealed record ReadingsStored(string DeviceId, DateTimeOffset At, int Count, IReadOnlyList<int> Sensors, DateTimeOffset From, DateTimeOffset To)
    : DeviceEvent(DeviceId, At);

/// <summary>A twin was stored with a new version (reported state, latest values, last seen or desired configuration).</summary>
/// <param name="Version">The twin's new version.</param>
public sealed record TwinChanged(string DeviceId, DateTimeOffset At, long Version) : DeviceEvent(DeviceId, At);
