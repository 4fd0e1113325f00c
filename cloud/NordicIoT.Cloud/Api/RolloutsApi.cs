using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NordicIoT.Cloud.Api.Contracts;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Rollouts;
using NordicIoT.Cloud.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Api;

/// <summary>Rollouts: start one (operator), list and read them with their executions, advance a stage or cancel (operator).</summary>
public static class RolloutsApi
{
    /// <summary>Default executions per page.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Most executions per page.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Maps /api/rollouts (viewer; changes operator).</summary>
    public static RouteGroupBuilder MapRolloutsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/rollouts").WithTags("Rollouts").RequireAuthorization(ApiRoles.Viewer);
        api.MapPost("/", StartRollout).WithName(nameof(StartRollout)).RequireAuthorization(ApiRoles.Operator)
            .WithSummary("Starts a rollout of a release to device ids, a group or all devices, in stages of stable percentages; the first stage's offers go out at once.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", ListRollouts).WithName(nameof(ListRollouts)).WithSummary("Lists rollouts, newest first.");
        api.MapGet("/{rolloutId:long}", GetRollout).WithName(nameof(GetRollout)).WithSummary("One rollout with its executions counted by status.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{rolloutId:long}/executions", ListExecutions).WithName(nameof(ListExecutions))
            .WithSummary("The rollout's per-device executions by device id, optionally of one status, a page at a time.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{rolloutId:long}/advance", AdvanceRollout).WithName(nameof(AdvanceRollout)).RequireAuthorization(ApiRoles.Operator)
            .WithSummary("Starts the next stage now.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{rolloutId:long}/cancel", CancelRollout).WithName(nameof(CancelRollout)).RequireAuthorization(ApiRoles.Operator)
            .WithSummary("Cancels the rollout: executions not ended are cancelled and their offers withdrawn (empty retained d/{id}/f).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>Starts a rollout.</summary>
    public static async Task<Results<Created<RolloutView>, ValidationProblem, ProblemHttpResult>> StartRollout(
        StartRolloutRequest request, ICloudStorage storage, RolloutRunner runner, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        var release = string.IsNullOrEmpty(request.ReleaseId) ? null : await storage.Releases.GetAsync(request.ReleaseId, cancellationToken);
        if (release is null)
        {
            errors["releaseId"] = [$"must name a release (GET /api/firmware); '{request.ReleaseId}' is none"];
        }

        var target = Target(request.Target, errors);
        var abort = request.Abort is { } a ? new AbortThreshold(a.MaxFailures, a.MaxFailurePercent, a.MinEnded ?? 1) : AbortThreshold.None;
        var plan = new RolloutPlan(request.ReleaseId ?? "", target ?? RolloutTarget.Fleet(), request.Stages ?? [100],
            request.SoakMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null, abort);
        foreach (var (field, messages) in plan.Problems())
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        try
        {
            var rollout = await runner.StartAsync(plan, release!, cancellationToken);
            return TypedResults.Created($"/api/rollouts/{rollout.Id}", View(rollout, ExecutionCounts.Of(await runner.AllExecutionsAsync(rollout.Id, cancellationToken))));
        }
        catch (RolloutStateException e)
        {
            return Conflict(e);
        }
    }

    /// <summary>Lists rollouts.</summary>
    public static async Task<Ok<List<RolloutView>>> ListRollouts(ICloudStorage storage, CancellationToken cancellationToken) =>
        TypedResults.Ok((await storage.Rollouts.ListAsync(cancellationToken)).Select(r => View(r, null)).ToList());

    /// <summary>One rollout.</summary>
    public static async Task<Results<Ok<RolloutView>, ProblemHttpResult>> GetRollout(
        long rolloutId, ICloudStorage storage, RolloutRunner runner, CancellationToken cancellationToken) =>
        await storage.Rollouts.GetAsync(rolloutId, cancellationToken) is { } rollout
            ? TypedResults.Ok(View(rollout, ExecutionCounts.Of(await runner.AllExecutionsAsync(rolloutId, cancellationToken))))
            : NotFound(rolloutId);

    /// <summary>A page of executions.</summary>
    public static async Task<Results<Ok<ExecutionPage>, ValidationProblem, ProblemHttpResult>> ListExecutions(
        long rolloutId, [AsParameters] ExecutionQuery query, ICloudStorage storage, CancellationToken cancellationToken)
    {
        var pageSize = query.PageSize ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("pageSize", $"must be 1..{MaxPageSize}");
        }

        ExecutionStatus? status = null;
        if (query.Status is { Length: > 0 } name)
        {
            if (!Names.TryParse(name, out var parsed))
            {
                return Problems.Invalid("status", "must be QUEUED, IN_PROGRESS, SUCCEEDED, FAILED, TIMED_OUT, CANCELED or REJECTED");
            }

            status = parsed;
        }

        if (query.ContinuationToken is { } token && !Topics.IsValidDeviceId(token))
        {
            return Problems.Invalid("continuationToken", "is not a token from this listing");
        }

        if (await storage.Rollouts.GetAsync(rolloutId, cancellationToken) is null)
        {
            return NotFound(rolloutId);
        }

        // Filtering by status reads on until the page is full.
        var page = new List<Execution>();
        var after = query.ContinuationToken;
        var more = true;
        while (page.Count < pageSize && more)
        {
            var batch = await storage.Rollouts.ListExecutionsAsync(rolloutId, after, pageSize, cancellationToken);
            more = batch.Count == pageSize;
            foreach (var execution in batch)
            {
                after = execution.DeviceId;
                if (status is null || execution.Status == status)
                {
                    page.Add(execution);
                    if (page.Count == pageSize)
                    {
                        more = more || execution != batch[^1];
                        break;
                    }
                }
            }
        }

        return TypedResults.Ok(new ExecutionPage([.. page.Select(View)], more ? after : null));
    }

    /// <summary>Advances to the next stage.</summary>
    public static async Task<Results<Ok<RolloutView>, ProblemHttpResult>> AdvanceRollout(long rolloutId, RolloutRunner runner, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.AdvanceAsync(rolloutId, cancellationToken) is { } rollout
                ? TypedResults.Ok(View(rollout, ExecutionCounts.Of(await runner.AllExecutionsAsync(rolloutId, cancellationToken))))
                : NotFound(rolloutId);
        }
        catch (RolloutStateException e)
        {
            return Conflict(e);
        }
    }

    /// <summary>Cancels the rollout.</summary>
    public static async Task<Results<Ok<RolloutView>, ProblemHttpResult>> CancelRollout(
        long rolloutId, ClaimsPrincipal user, RolloutRunner runner, CancellationToken cancellationToken)
    {
        try
        {
            var by = user.Identity?.Name ?? "an operator";
            return await runner.CancelAsync(rolloutId, $"canceled by {by}", cancellationToken) is { } rollout
                ? TypedResults.Ok(View(rollout, ExecutionCounts.Of(await runner.AllExecutionsAsync(rolloutId, cancellationToken))))
                : NotFound(rolloutId);
        }
        catch (RolloutStateException e)
        {
            return Conflict(e);
        }
    }

    /// <summary>The API view of a rollout.</summary>
    public static RolloutView View(Rollout rollout, ExecutionCounts? counts) => new(
        rollout.Id,
        rollout.ReleaseId,
        rollout.Version,
        new RolloutTargetView(rollout.Target.Kind switch
        {
            RolloutTargetKind.Devices => "devices",
            RolloutTargetKind.Group => "group",
            _ => "all",
        }, rollout.Target.DeviceIds, rollout.Target.Group),
        rollout.Stages,
        rollout.Stage,
        rollout.Percent,
        rollout.SoakTime is { } soak ? (int)soak.TotalMinutes : null,
        new AbortView(rollout.Abort.MaxFailures, rollout.Abort.MaxFailurePercent, rollout.Abort.MinEnded),
        Names.Of(rollout.Status),
        rollout.CreatedAt,
        rollout.StageStartedAt,
        rollout is { Status: RolloutStatus.InProgress, SoakTime: { } next, AtLastStage: false } ? rollout.StageStartedAt + next : null,
        rollout.EndedAt,
        rollout.EndReason,
        counts is null ? null : new ExecutionCountsView(counts.Queued, counts.InProgress, counts.Succeeded, counts.Failed, counts.TimedOut, counts.Canceled, counts.Rejected, counts.Total));

    /// <summary>The API view of an execution.</summary>
    public static ExecutionView View(Execution e) => new(
        e.RolloutId, e.DeviceId, Names.Of(e.Status), e.Step is { } step ? Names.Of(step) : null, e.Percent, e.Reason, e.Stage,
        e.QueuedAt, e.StartedAt, e.UpdatedAt, e.EndedAt, e.OfferExpiresAt, e.VersionNumber);

    private static RolloutTarget? Target(RolloutTargetBody? body, Dictionary<string, List<string>> errors)
    {
        var given = (body?.DeviceIds is not null ? 1 : 0) + (body?.Group is not null ? 1 : 0) + (body?.All == true ? 1 : 0);
        if (given != 1)
        {
            errors["target"] = ["must give exactly one of deviceIds (a list), group (a name) or all (true)"];
            return null;
        }

        return body!.DeviceIds is { } ids ? RolloutTarget.Devices(ids) : body.Group is { } group ? RolloutTarget.InGroup(group) : RolloutTarget.Fleet();
    }

    private static ProblemHttpResult NotFound(long rolloutId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Rollout not found", detail: string.Create(CultureInfo.InvariantCulture, $"No rollout {rolloutId}."));

    private static ProblemHttpResult Conflict(RolloutStateException e) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Rollout state", detail: e.Message);
}

/// <summary>Query of GET /api/rollouts/{id}/executions.</summary>
public sealed class ExecutionQuery
{
    /// <summary>1..500, default 100.</summary>
    public int? PageSize { get; init; }

    /// <summary>From the previous page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Only executions of this status.</summary>
    public string? Status { get; init; }
}
