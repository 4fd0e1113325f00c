using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NordicIoT.Cloud.Api.Contracts;
using NordicIoT.Cloud.Api.Firmware;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.Rollouts;
using NordicIoT.Cloud.Storage;

namespace NordicIoT.Cloud.Api;

/// <summary>Firmware releases: upload (admin, signed multipart), list, read, delete; and the Range download devices make with their offer's token.</summary>
public static class FirmwareApi
{
    /// <summary>How long a presigned S3 URL a download is redirected to stays valid.</summary>
    public static readonly TimeSpan DirectLinkLifetime = TimeSpan.FromMinutes(10);

    // Request overhead beyond the files: manifest, signature, part headers.
    private const long UploadOverheadBytes = 64 * 1024;

    /// <summary>Maps /api/firmware (viewer; upload and delete admin) and GET /api/firmware/{releaseId}/files/{name} (device download token).</summary>
    public static RouteGroupBuilder MapFirmwareApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/firmware").WithTags("Firmware");
        var releases = api.MapGroup("/").RequireAuthorization(ApiRoles.Viewer);
        releases.MapPost("/", UploadRelease).WithName(nameof(UploadRelease)).RequireAuthorization(ApiRoles.Admin).DisableAntiforgery()
            .WithSummary("Uploads a signed release (admin): multipart/form-data with parts manifest (application/cbor), signature (64 bytes), then one file part per manifest file. All or nothing.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        releases.MapGet("/", ListReleases).WithName(nameof(ListReleases)).WithSummary("Lists releases, newest first.");
        releases.MapGet("/{releaseId}", GetRelease).WithName(nameof(GetRelease)).WithSummary("One release.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        releases.MapDelete("/{releaseId}", DeleteRelease).WithName(nameof(DeleteRelease)).RequireAuthorization(ApiRoles.Admin)
            .WithSummary("Deletes a release and its files (admin); refused while a rollout of it is in progress.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{releaseId}/files/{name}", DownloadFile).WithName(nameof(DownloadFile))
            .RequireAuthorization(DownloadTokenAuthenticationHandler.Policy)
            .WithSummary("A release file for a device holding an offer: Authorization: Bearer <offer token>; Range supported (206, 416). On S3 answers 307 to a presigned URL.")
            .Produces(StatusCodes.Status206PartialContent)
            .Produces(StatusCodes.Status307TemporaryRedirect)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);
        return api;
    }

    /// <summary>Uploads a release.</summary>
    public static async Task<Results<Created<ReleaseView>, ProblemHttpResult>> UploadRelease(
        HttpContext context, [AsParameters] FirmwareServices services, CancellationToken cancellationToken)
    {
        if (services.Keys.TryGet(out var problem) is not { } key)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Release key not configured", detail: problem);
        }

        var options = services.Options.Value;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = (options.MaxFileBytes * Schemas.Messages.FirmwareManifestCodec.MaxFiles) + UploadOverheadBytes;
        }

        var policy = new ReleasePolicy(key, KnownTargets.Of(options), options.MaxFileBytes);
        await using var upload = new ReleaseUpload(services.Storage.Releases, services.Files, policy, services.Time);
        try
        {
            var release = await ReleaseMultipart.ReadAsync(context.Request, upload, cancellationToken);
            return TypedResults.Created($"/api/firmware/{release.Id}", View(release));
        }
        catch (ReleaseRejectedException e)
        {
            return ReleaseProblems.For(e);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            // The multipart framing itself is broken (or the body exceeds the size limit).
            return ReleaseProblems.For(new ReleaseRejectedException(ReleaseRejection.BadLayout, $"The upload could not be read: {e.Message}."));
        }
    }

    /// <summary>Lists releases.</summary>
    public static async Task<Ok<List<ReleaseView>>> ListReleases(ICloudStorage storage, CancellationToken cancellationToken) =>
        TypedResults.Ok((await storage.Releases.ListAsync(cancellationToken)).Select(View).ToList());

    /// <summary>One release.</summary>
    public static async Task<Results<Ok<ReleaseView>, ProblemHttpResult>> GetRelease(string releaseId, ICloudStorage storage, CancellationToken cancellationToken) =>
        await storage.Releases.GetAsync(releaseId, cancellationToken) is { } release ? TypedResults.Ok(View(release)) : ReleaseNotFound(releaseId);

    /// <summary>Deletes a release: marked first (so no rollout starts on it), then its files, then its record.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteRelease(
        string releaseId, ICloudStorage storage, IFirmwareFileStore files, CancellationToken cancellationToken)
    {
        var release = await storage.Releases.GetAsync(releaseId, cancellationToken);
        if (release is null)
        {
            return ReleaseNotFound(releaseId);
        }

        if (await ActiveRolloutAsync(storage, releaseId, cancellationToken) is { } active)
        {
            return InUse(releaseId, active);
        }

        await storage.Releases.TrySetStatusAsync(releaseId, ReleaseStatus.Ready, ReleaseStatus.Deleting, cancellationToken);

        // A rollout may have started between the check and the mark; it would otherwise lose its files.
        if (await ActiveRolloutAsync(storage, releaseId, cancellationToken) is { } started)
        {
            await storage.Releases.TrySetStatusAsync(releaseId, ReleaseStatus.Deleting, ReleaseStatus.Ready, cancellationToken);
            return InUse(releaseId, started);
        }

        await files.DeleteReleaseAsync(releaseId, cancellationToken);
        await storage.Releases.DeleteAsync(releaseId, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Serves a release file (or a range of it) to the device the token was issued to.</summary>
    public static async Task<Results<FirmwareFileResult, RedirectHttpResult, ProblemHttpResult>> DownloadFile(
        string releaseId, string name, HttpContext context, ICloudStorage storage, IFirmwareFileStore files, TimeProvider time, CancellationToken cancellationToken)
    {
        var grant = DownloadTokenAuthenticationHandler.GrantOf(context.User);
        if (grant.ReleaseId != releaseId)
        {
            return Forbidden($"The token of '{grant.DeviceId}' is for release {grant.ReleaseId}, not {releaseId}.");
        }

        var execution = await storage.Rollouts.GetExecutionAsync(grant.RolloutId, grant.DeviceId, cancellationToken);
        if (execution is not { IsActive: true })
        {
            return Forbidden(execution is null
                ? $"Device '{grant.DeviceId}' has no execution in rollout {grant.RolloutId}."
                : $"The execution of '{grant.DeviceId}' in rollout {grant.RolloutId} is {Names.Of(execution.Status)}; only a queued or running one downloads.");
        }

        var release = await storage.Releases.GetAsync(releaseId, cancellationToken);
        if (release is not { Status: ReleaseStatus.Ready } || release.File(name) is not { } file)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "File not found", detail: $"Release {releaseId} has no file '{name}'.");
        }

        if (files.DirectDownloadUrl(releaseId, name, time.GetUtcNow() + DirectLinkLifetime) is { } direct)
        {
            return TypedResults.Redirect(direct.AbsoluteUri, permanent: false, preserveMethod: true);
        }

        if (ByteRange.Of(context.Request.Headers.Range, file.Size) is not { } range)
        {
            context.Response.Headers.ContentRange = $"bytes */{file.Size}";
            return TypedResults.Problem(statusCode: StatusCodes.Status416RangeNotSatisfiable, title: "Range not satisfiable",
                detail: $"'{name}' has {file.Size} bytes; the range asked for ({context.Request.Headers.Range}) starts beyond them.");
        }

        var content = await files.OpenReadAsync(releaseId, name, range.Start, range.Length, cancellationToken);
        return content is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "File not found", detail: $"The file '{name}' of release {releaseId} is missing from the store.")
            : new FirmwareFileResult(content, range, file.Size, Convert.ToHexStringLower(file.Sha256));
    }

    /// <summary>The API view of a release.</summary>
    public static ReleaseView View(Release release) => new(
        release.Id,
        release.Version,
        release.Targets,
        [.. release.Files.Select(f => new ReleaseFileView(f.Name, f.Size, Convert.ToHexStringLower(f.Sha256)))],
        release.AllowDowngrade,
        release.Status == ReleaseStatus.Ready ? "ready" : "deleting",
        release.CreatedAt,
        Convert.ToHexStringLower(SHA256.HashData(release.Manifest)));

    /// <summary>404 for a release id.</summary>
    public static ProblemHttpResult ReleaseNotFound(string releaseId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Release not found", detail: $"No release '{releaseId}'.");

    private static async Task<Rollout?> ActiveRolloutAsync(ICloudStorage storage, string releaseId, CancellationToken cancellationToken) =>
        (await storage.Rollouts.ListAsync(cancellationToken)).FirstOrDefault(r => r.ReleaseId == releaseId && r.Status == RolloutStatus.InProgress);

    private static ProblemHttpResult InUse(string releaseId, Rollout rollout) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Release in use",
            detail: $"Rollout {rollout.Id} of release {releaseId} is in progress; cancel it (POST /api/rollouts/{rollout.Id}/cancel) or let it end first.");

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Download not allowed", detail: detail);
}

/// <summary>The services POST /api/firmware uses.</summary>
public sealed record FirmwareServices(
    [FromServices] ICloudStorage Storage, [FromServices] IFirmwareFileStore Files, [FromServices] ReleaseKeySource Keys, [FromServices] IOptions<FirmwareOptions> Options, [FromServices] TimeProvider Time);
