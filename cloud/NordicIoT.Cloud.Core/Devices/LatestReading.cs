namespace NordicIoT.Cloud.Devices;

/// <summary>The newest reading of one sensor (by device time), in the wire format's fixed-point units.</summary>
public sealed record LatestReading(DateTimeOffset Time, int[] Values);
