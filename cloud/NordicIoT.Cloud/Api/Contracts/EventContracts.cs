namespace NordicIoT.Cloud.Api.Contracts;

/// <summary>Data of the "readings" live event: a batch of a device's readings was stored.</summary>
/// <param name="At">When the cloud stored it.</param>
/// <param name="Sensors">Names of the sensors the batch held.</param>
/// <param name="From">Device time of its earliest reading.</param>
/// <param name="To">Device time of its latest reading.</param>
public sealed record ReadingsEventView(string DeviceId, DateTimeOffset At, int Count, IReadOnlyList<string> Sensors, DateTimeOffset From, DateTimeOffset To);
