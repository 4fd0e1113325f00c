namespace NordicIoT.Cloud.Api.Contracts;

/// <summary>A sensor's readings over [from, to) in <paramref name="Points"/> equal buckets, with min/avg/max per value dimension in physical units.</summary>
/// <param name="Readings">Readings in the window.</param>
/// <param name="Buckets">Buckets holding at least one reading, oldest first.</param>
public sealed record ReadingSeries(
    string DeviceId,
    string Sensor,
    int SensorId,
    DateTimeOffset From,
    DateTimeOffset To,
    int Points,
    double BucketSeconds,
    long Readings,
    IReadOnlyList<DimensionView> Dimensions,
    IReadOnlyList<ReadingBucket> Buckets);

/// <summary>One value dimension of a sensor (GPS has six); <paramref name="Unit"/> is a SenML unit symbol.</summary>
public sealed record DimensionView(string Name, string? Unit);

/// <summary>The readings in [<paramref name="Start"/>, <paramref name="End"/>): how many, and per dimension min/avg/max.</summary>
public sealed record ReadingBucket(DateTimeOffset Start, DateTimeOffset End, int Count, IReadOnlyList<BucketStatistics> Values);

/// <summary>Minimum, mean and maximum of one dimension in a bucket.</summary>
public sealed record BucketStatistics(decimal Min, decimal Avg, decimal Max);
