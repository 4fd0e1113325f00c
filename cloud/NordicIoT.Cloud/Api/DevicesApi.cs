using Microsoft.AspNetCore.Http.HttpResults;
using NordicIoT.Cloud.Api.Contracts;
using NordicIoT.Cloud.Api.Devices;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Ingestion.Events;
using NordicIoT.Cloud.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Api;

/// <summary>The fleet: list devices, read one twin, register devices.</summary>
public static class DevicesApi
{
    /// <summary>Default devices per page.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>Most devices per page.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Longest group name.</summary>
    public const int MaxGroupLength = 64;

    /// <summary>Maps GET /api/devices, GET /api/devices/{deviceId} (viewer) and POST /api/devices (admin).</summary>
    public static RouteGroupBuilder MapDevicesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/devices").WithTags("Devices").RequireAuthorization(ApiRoles.Viewer);
        api.MapGet("/", ListDevices).WithName(nameof(ListDevices))
            .WithSummary("Lists the fleet a page at a time, optionally filtered by id substring or group and sorted by id, last seen, or staleness.");
        api.MapGet("/{deviceId}", GetDevice).WithName(nameof(GetDevice))
            .WithSummary("The device's twin: reported fields with device times, latest readings, desired configuration, pending differences, status. ETag = twin version.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/", RegisterDevice).WithName(nameof(RegisterDevice)).RequireAuthorization(ApiRoles.Admin)
            .WithSummary("Registers a device so its messages are accepted (admin).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>One page of the fleet.</summary>
    public static async Task<Results<Ok<DeviceListPage>, ValidationProblem>> ListDevices(
        [AsParameters] DeviceListQuery query, ICloudStorage storage, TimeProvider time, CancellationToken cancellationToken)
    {
        var pageSize = query.PageSize ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("pageSize", $"must be 1..{MaxPageSize}");
        }

        if (!TryParseSort(query.Sort, out var sort))
        {
            return Problems.Invalid("sort", "must be id, lastSeen (most recent first) or stale (longest silent first)");
        }

        DevicePage page;
        try
        {
            page = await storage.Devices.ListAsync(
                new DeviceQuery(Blank(query.Search), Blank(query.Group), sort, pageSize, Blank(query.ContinuationToken)), cancellationToken);
        }
        catch (ArgumentException e) when (query.ContinuationToken is not null)
        {
            // The store's only argument it cannot check up front is the opaque token.
            return Problems.Invalid("continuationToken", $"is not a token from this listing: {e.Message}");
        }

        var now = time.GetUtcNow();
        return TypedResults.Ok(new DeviceListPage(page.Devices.Select(d => TwinViews.Summary(d, now)).ToList(), page.ContinuationToken));
    }

    /// <summary>One device's twin.</summary>
    public static async Task<Results<Ok<DeviceTwinView>, ProblemHttpResult>> GetDevice(
        string deviceId, ICloudStorage storage, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var twin = Topics.IsValidDeviceId(deviceId) ? await storage.Devices.GetAsync(deviceId, cancellationToken) : null;
        if (twin is null)
        {
            return Problems.DeviceNotFound(deviceId);
        }

        response.Headers.ETag = EntityTags.Of(twin.Version);
        return TypedResults.Ok(TwinViews.Full(twin, time.GetUtcNow()));
    }

    /// <summary>Registers a device.</summary>
    public static async Task<Results<Created<DeviceTwinView>, ValidationProblem, ProblemHttpResult>> RegisterDevice(
        RegisterDeviceRequest request, ICloudStorage storage, IDeviceEvents events, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        if (request.DeviceId is not { } deviceId || !Topics.IsValidDeviceId(deviceId))
        {
            errors["deviceId"] = [$"must be 1..{Topics.MaxDeviceIdLength} characters of A-Z, a-z, 0-9, '_' or '-' (it becomes the MQTT topic level and the certificate CN)"];
        }

        if (request.Group is { } group && (string.IsNullOrWhiteSpace(group) || group.Length > MaxGroupLength))
        {
            errors["group"] = [$"must be 1..{MaxGroupLength} characters, not all blank, or left out"];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var twin = new DeviceTwin { DeviceId = request.DeviceId!, CreatedAt = now, Group = request.Group, Version = 1 };
        if (!await storage.Devices.TryCreateAsync(twin, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Device exists", detail: $"A device '{twin.DeviceId}' is registered already.");
        }

        events.Publish(new TwinChanged(twin.DeviceId, now, twin.Version));
        response.Headers.ETag = EntityTags.Of(twin.Version);
        return TypedResults.Created($"/api/devices/{twin.DeviceId}", TwinViews.Full(twin, now));
    }

    private static bool TryParseSort(string? text, out DeviceSort sort)
    {
        switch (text)
        {
            case null or "" or "id": sort = DeviceSort.Id; return true;
            case "lastSeen": sort = DeviceSort.LastSeenNewest; return true;
            case "stale": sort = DeviceSort.LastSeenOldest; return true;
            default: sort = default; return false;
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

/// <summary>Query of GET /api/devices.</summary>
/// <remarks>A class with properties rather than a positional record: the request delegate generator cannot yet describe constructor parameters of nullable reference types.</remarks>
public sealed class DeviceListQuery
{
    /// <summary>1..500, default 50.</summary>
    public int? PageSize { get; init; }

    /// <summary>From the previous page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Substring of the device id, case-insensitive.</summary>
    public string? Search { get; init; }

    /// <summary>Only this group.</summary>
    public string? Group { get; init; }

    /// <summary>id (default), lastSeen (most recent first) or stale (longest silent first, never seen first).</summary>
    public string? Sort { get; init; }
}
