using Microsoft.AspNetCore.Http.HttpResults;
using NordicIoT.Cloud.Api.Contracts;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Api;

/// <summary>One device's firmware update history: its execution in every rollout that included it.</summary>
public static class DeviceUpdatesApi
{
    /// <summary>Maps GET /api/devices/{deviceId}/executions (viewer).</summary>
    public static RouteGroupBuilder MapDeviceUpdatesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/devices/{deviceId}/executions").WithTags("Rollouts").RequireAuthorization(ApiRoles.Viewer);
        api.MapGet("/", ListDeviceExecutions).WithName(nameof(ListDeviceExecutions))
            .WithSummary("The device's executions of every rollout that included it, newest first (status, step, progress, reason, times).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The device's executions, newest first.</summary>
    public static async Task<Results<Ok<DeviceExecutionList>, ProblemHttpResult>> ListDeviceExecutions(
        string deviceId, ICloudStorage storage, CancellationToken cancellationToken)
    {
        if (!Topics.IsValidDeviceId(deviceId) || await storage.Devices.GetAsync(deviceId, cancellationToken) is null)
        {
            return Problems.DeviceNotFound(deviceId);
        }

        var executions = await storage.Rollouts.ListDeviceExecutionsAsync(deviceId, cancellationToken);
        return TypedResults.Ok(new DeviceExecutionList(executions.OrderByDescending(e => e.QueuedAt).Select(RolloutsApi.View).ToList()));
    }
}
