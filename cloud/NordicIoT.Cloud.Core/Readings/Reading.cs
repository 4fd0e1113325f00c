namespace NordicIoT.Cloud.Readings;

/// <summary>One stored reading: sensor id, device time, and fixed-point values as on the wire.</summary>
public sealed record Reading(int Sensor, DateTimeOffset Time, int[] Values);
