using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NordicIoT.Cloud.Api.Config;
using NordicIoT.Cloud.Api.Contracts;
using NordicIoT.Cloud.Api.Devices;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Ingestion.Events;
using NordicIoT.Cloud.Ingestion;
using NordicIoT.Cloud.Publishing;
using NordicIoT.Cloud.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Api;

/// <summary>A device's configuration: read it, and replace it with optimistic concurrency (If-Match on the configuration version), after which it is published retained to the device.</summary>
public static class ConfigApi
{
    /// <summary>Maps GET (viewer) and PUT (operator) /api/devices/{deviceId}/config.</summary>
    public static RouteGroupBuilder MapConfigApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/devices/{deviceId}/config").WithTags("Configuration").RequireAuthorization(ApiRoles.Viewer);
        api.MapGet("/", GetConfig).WithName(nameof(GetConfig))
            .WithSummary("The desired configuration (or the defaults, version 0) and whether the device applied it. ETag = configuration version.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/", PutConfig).WithName(nameof(PutConfig)).RequireAuthorization(ApiRoles.Operator)
            .WithSummary("Replaces the configuration (absent settings take their defaults). Needs If-Match with the current ETag; the new version is published retained on d/{id}/c.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return api;
    }

    /// <summary>The current configuration.</summary>
    public static async Task<Results<Ok<ConfigView>, ProblemHttpResult>> GetConfig(
        string deviceId, ICloudStorage storage, HttpResponse response, CancellationToken cancellationToken)
    {
        var twin = Topics.IsValidDeviceId(deviceId) ? await storage.Devices.GetAsync(deviceId, cancellationToken) : null;
        if (twin is null)
        {
            return Problems.DeviceNotFound(deviceId);
        }

        var view = View(twin);
        response.Headers.ETag = EntityTags.Of(view.Version);
        return TypedResults.Ok(view);
    }

    /// <summary>Replaces the configuration.</summary>
    public static async Task<Results<Ok<ConfigUpdated>, ValidationProblem, ProblemHttpResult>> PutConfig(
        string deviceId, JsonObject body, [FromHeader(Name = "If-Match")] string? ifMatch, [AsParameters] ConfigServices services,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var twin = Topics.IsValidDeviceId(deviceId) ? await services.Storage.Devices.GetAsync(deviceId, cancellationToken) : null;
        if (twin is null)
        {
            return Problems.DeviceNotFound(deviceId);
        }

        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
                detail: $"Send the configuration's ETag (from GET /api/devices/{deviceId}/config) as If-Match, so a change made meanwhile is not overwritten. It is now {EntityTags.Of(VersionOf(twin))}.");
        }

        if (!EntityTags.Matches(ifMatch, VersionOf(twin)))
        {
            return VersionMismatch(deviceId, ifMatch, VersionOf(twin));
        }

        var errors = new Dictionary<string, List<string>>();
        if (ConfigJson.Parse(body, errors) is not { } config)
        {
            return Problems.Invalid(errors);
        }

        var now = services.Time.GetUtcNow();
        var conflictVersion = (long?)null;
        var update = await TwinUpdater.UpdateAsync(services.Storage.Devices, deviceId, twin, t =>
        {
            // Checked again on every attempt: a change stored since the first read must not be overwritten.
            if (!EntityTags.Matches(ifMatch, VersionOf(t)))
            {
                conflictVersion = VersionOf(t);
                return false;
            }

            config.Version = VersionOf(t) + 1;
            t.Desired = new DesiredConfig(config.Version, ConfigJson.ToJson(config), now);
            return true;
        }, services.Ingestion.Value.TwinUpdateAttempts, cancellationToken);

        if (update.Status == TwinUpdateStatus.NotFound)
        {
            return Problems.DeviceNotFound(deviceId);
        }

        if (conflictVersion is { } current)
        {
            return VersionMismatch(deviceId, ifMatch, current);
        }

        var stored = update.Twin!;
        services.Events.Publish(new TwinChanged(deviceId, now, stored.Version));
        string? publishError = null;
        try
        {
            await services.Publisher.PublishConfigAsync(deviceId, ConfigCbor.Encode(config), cancellationToken);
        }
        catch (DevicePublishException e)
        {
            publishError = e.Message;
        }

        response.Headers.ETag = EntityTags.Of(config.Version);
        return TypedResults.Ok(new ConfigUpdated(View(stored), publishError is null, publishError));
    }

    private static ProblemHttpResult VersionMismatch(string deviceId, string ifMatch, long current) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Configuration changed",
            detail: $"If-Match {ifMatch} does not match the configuration of '{deviceId}', which is now {EntityTags.Of(current)}. Read it again and reapply your change.");

    private static long VersionOf(DeviceTwin twin) => twin.Desired?.Version ?? 0;

    private static ConfigView View(DeviceTwin twin) => new(
        twin.DeviceId,
        VersionOf(twin),
        twin.Desired?.Config.DeepClone().AsObject() ?? ConfigJson.ToJson(new DeviceConfig()),
        twin.Desired?.UpdatedAt,
        ConfigSync.StateOf(twin),
        ConfigSync.RejectionOf(twin));
}

/// <summary>The services PUT /api/devices/{deviceId}/config uses.</summary>
public sealed record ConfigServices(ICloudStorage Storage, IDevicePublisher Publisher, IDeviceEvents Events, IOptions<IngestOptions> Ingestion, TimeProvider Time);
