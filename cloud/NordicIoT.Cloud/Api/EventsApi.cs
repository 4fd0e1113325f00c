using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using NordicIoT.Cloud.Api.Events;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Api;

/// <summary>Live updates for the dashboard: device events of this process as Server-Sent Events.</summary>
/// <remarks>Authenticated like the rest of the API; a browser's EventSource cannot set headers and sends the session cookie instead (see <see cref="SessionCookie"/>).</remarks>
public static class EventsApi
{
    /// <summary>Maps GET /api/events (viewer).</summary>
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/events").WithTags("Live events").RequireAuthorization(ApiRoles.Viewer);
        api.MapGet("/", StreamEvents).WithName(nameof(StreamEvents))
            .WithSummary("Server-Sent Events: ready, twin (the changed twin: full view with ?deviceId, fleet summary without), readings (a stored batch), heartbeat every 15 s. Only events of the process serving the stream.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The event stream, of one device or of all.</summary>
    public static async Task<Results<ServerSentEventsResult<string>, ValidationProblem, ProblemHttpResult>> StreamEvents(
        string? deviceId, ICloudStorage storage, DeviceEventStream stream, HttpContext context)
    {
        if (deviceId is not null)
        {
            if (!Topics.IsValidDeviceId(deviceId))
            {
                return Problems.Invalid("deviceId", $"must be 1..{Topics.MaxDeviceIdLength} characters of A-Z, a-z, 0-9, '_' or '-'");
            }

            if (await storage.Devices.GetAsync(deviceId, context.RequestAborted) is null)
            {
                return Problems.DeviceNotFound(deviceId);
            }
        }

        return TypedResults.ServerSentEvents(stream.ReadAsync(deviceId, context.RequestAborted));
    }
}
