using Microsoft.AspNetCore.Http.HttpResults;
using NordicIoT.Cloud.Api.Contracts;
using NordicIoT.Cloud.Api.Readings;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Api;

/// <summary>Past readings of one sensor: downsampled for charts, or exported whole as CSV or SenML.</summary>
public static class ReadingsApi
{
    /// <summary>Buckets when ?points is not given.</summary>
    public const int DefaultPoints = 200;

    /// <summary>Most buckets one request may ask for.</summary>
    public const int MaxPoints = 5000;

    /// <summary>Window when ?from is not given: the last day before ?to.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(1);

    /// <summary>Maps the readings endpoints under /api/devices/{deviceId}/readings/{sensor} (viewer).</summary>
    public static RouteGroupBuilder MapReadingsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/devices/{deviceId}/readings/{sensor}").WithTags("Readings").RequireAuthorization(ApiRoles.Viewer);
        api.MapGet("/", GetReadings).WithName(nameof(GetReadings))
            .WithSummary("Readings over [from, to) in N equal buckets with min/avg/max per value in physical units. Sensor by name (temperature) or id.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/export.csv", ExportCsv).WithName(nameof(ExportCsv))
            .WithSummary("Every reading over [from, to) as CSV: UTC time and physical values.")
            .Produces(StatusCodes.Status200OK, contentType: CsvExport.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/export.senml", ExportSenml).WithName(nameof(ExportSenml))
            .WithSummary("Every reading over [from, to) as SenML-JSON (RFC 8428) with base name, base time and SenML units.")
            .Produces(StatusCodes.Status200OK, contentType: SenmlExport.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Downsampled readings.</summary>
    public static async Task<Results<Ok<ReadingSeries>, ValidationProblem, ProblemHttpResult>> GetReadings(
        string deviceId, string sensor, [AsParameters] ReadingWindowQuery query, ICloudStorage storage, TimeProvider time, CancellationToken cancellationToken)
    {
        var points = query.Points ?? DefaultPoints;
        if (points is < 1 or > MaxPoints)
        {
            return Problems.Invalid("points", $"must be 1..{MaxPoints}");
        }

        var request = await ResolveAsync(deviceId, sensor, query, storage, time, cancellationToken);
        if (request.NotFound is { } notFound)
        {
            return notFound;
        }

        if (request.Invalid is { } invalid)
        {
            return invalid;
        }

        var dimensions = SensorCatalog.Dimensions(request.Sensor);
        var downsampler = new Downsampler(request.From, request.To, points, dimensions);
        await foreach (var reading in ReadingPages.ReadAsync(storage.Readings, deviceId, request.Sensor, request.From, request.To, cancellationToken))
        {
            downsampler.Add(reading);
        }

        return TypedResults.Ok(new ReadingSeries(
            deviceId, SensorKind.Name(request.Sensor), request.Sensor, request.From, request.To, points,
            downsampler.BucketLength.TotalSeconds, downsampler.Count,
            dimensions.Select(d => new DimensionView(d.Name, d.Unit)).ToList(), downsampler.Buckets()));
    }

    /// <summary>CSV export.</summary>
    public static Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> ExportCsv(
        string deviceId, string sensor, [AsParameters] ReadingWindowQuery query, ICloudStorage storage, TimeProvider time, CancellationToken cancellationToken) =>
        ExportAsync(deviceId, sensor, query, storage, time, CsvExport.ContentType, "csv",
            (stream, request, readings) => CsvExport.WriteAsync(stream, SensorCatalog.Dimensions(request.Sensor), readings, cancellationToken),
            cancellationToken);

    /// <summary>SenML-JSON export.</summary>
    public static Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> ExportSenml(
        string deviceId, string sensor, [AsParameters] ReadingWindowQuery query, ICloudStorage storage, TimeProvider time, CancellationToken cancellationToken) =>
        ExportAsync(deviceId, sensor, query, storage, time, SenmlExport.ContentType, "senml.json",
            (stream, request, readings) => SenmlExport.WriteAsync(stream, deviceId, SensorCatalog.Dimensions(request.Sensor), readings, cancellationToken),
            cancellationToken);

    private static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(
        string deviceId, string sensor, ReadingWindowQuery query, ICloudStorage storage, TimeProvider time, string contentType, string extension,
        Func<Stream, ReadingRequest, IAsyncEnumerable<NordicIoT.Cloud.Readings.Reading>, Task> write, CancellationToken cancellationToken)
    {
        var request = await ResolveAsync(deviceId, sensor, query, storage, time, cancellationToken);
        if (request.NotFound is { } notFound)
        {
            return notFound;
        }

        if (request.Invalid is { } invalid)
        {
            return invalid;
        }

        var readings = ReadingPages.ReadAsync(storage.Readings, deviceId, request.Sensor, request.From, request.To, cancellationToken);
        return TypedResults.Stream(stream => write(stream, request, readings), contentType, $"{deviceId}-{SensorKind.Name(request.Sensor)}.{extension}");
    }

    private static async Task<ReadingRequest> ResolveAsync(
        string deviceId, string sensor, ReadingWindowQuery query, ICloudStorage storage, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Topics.IsValidDeviceId(deviceId) || await storage.Devices.GetAsync(deviceId, cancellationToken) is null)
        {
            return ReadingRequest.Failed(Problems.DeviceNotFound(deviceId));
        }

        if (!SensorCatalog.TryParse(sensor, out var sensorId))
        {
            return ReadingRequest.Failed(Problems.Invalid("sensor", "must be temperature, humidity, pressure, battery, signal, gps, sensor-32 .. sensor-255, or a sensor id"));
        }

        var to = query.To ?? time.GetUtcNow();
        var from = query.From ?? to - DefaultWindow;
        return from < to
            ? new ReadingRequest(sensorId, from, to)
            : ReadingRequest.Failed(Problems.Invalid("from", "must be before to"));
    }

    // The sensor and window of a request, or why there is none.
    private sealed record ReadingRequest(int Sensor, DateTimeOffset From, DateTimeOffset To, ProblemHttpResult? NotFound = null, ValidationProblem? Invalid = null)
    {
        public static ReadingRequest Failed(ProblemHttpResult notFound) => new(0, default, default, NotFound: notFound);

        public static ReadingRequest Failed(ValidationProblem invalid) => new(0, default, default, Invalid: invalid);
    }
}

/// <summary>Query of the readings endpoints.</summary>
/// <param name="From">Start of the window (inclusive), ISO 8601; default a day before <paramref name="To"/>.</param>
/// <param name="To">End of the window (exclusive), ISO 8601; default now.</param>
/// <param name="Points">Buckets for downsampling, 1..5000, default 200.</param>
public sealed record ReadingWindowQuery(DateTimeOffset? From, DateTimeOffset? To, int? Points);
