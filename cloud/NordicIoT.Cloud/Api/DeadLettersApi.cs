using Microsoft.AspNetCore.Http.HttpResults;
using NordicIoT.Cloud.Api.Contracts;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Api;

/// <summary>Messages ingestion refused, newest first, with why.</summary>
public static class DeadLettersApi
{
    /// <summary>Dead letters when ?limit is not given.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Most dead letters one request returns.</summary>
    public const int MaxLimit = 500;

    /// <summary>Maps GET /api/dead-letters (viewer).</summary>
    public static RouteGroupBuilder MapDeadLettersApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/dead-letters").WithTags("Dead letters").RequireAuthorization(ApiRoles.Viewer);
        api.MapGet("/", ListDeadLetters).WithName(nameof(ListDeadLetters))
            .WithSummary("Refused messages, newest first, optionally of one device: reason (malformed, unknown-device, timestamp-out-of-range, oversize, unknown-topic), detail and payload.");
        return api;
    }

    /// <summary>The newest dead letters.</summary>
    public static async Task<Results<Ok<DeadLetterList>, ValidationProblem>> ListDeadLetters(
        string? deviceId, int? limit, ICloudStorage storage, CancellationToken cancellationToken)
    {
        var count = limit ?? DefaultLimit;
        if (count is < 1 or > MaxLimit)
        {
            return Problems.Invalid("limit", $"must be 1..{MaxLimit}");
        }

        if (deviceId is not null && !Topics.IsValidDeviceId(deviceId))
        {
            return Problems.Invalid("deviceId", $"must be 1..{Topics.MaxDeviceIdLength} characters of A-Z, a-z, 0-9, '_' or '-'");
        }

        var deadLetters = await storage.DeadLetters.ListAsync(deviceId, count, cancellationToken);
        var total = await storage.DeadLetters.CountAsync(deviceId, cancellationToken);
        return TypedResults.Ok(new DeadLetterList(
            deadLetters.Select(d => new DeadLetterView(d.Id, d.ReceivedAt, d.Topic, d.DeviceId, d.Reason, d.Detail, Convert.ToHexStringLower(d.Payload), d.PayloadLength)).ToList(),
            total));
    }
}
