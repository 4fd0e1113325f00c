using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Api.Contracts;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Storage;

namespace NordicIoT.Cloud.Api;

/// <summary>API keys (admin): create (the key is shown once), list, revoke.</summary>
public static class KeysApi
{
    /// <summary>Longest key name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Maps /api/keys (admin).</summary>
    public static RouteGroupBuilder MapKeysApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/keys").WithTags("API keys").RequireAuthorization(ApiRoles.Admin);
        api.MapPost("/", CreateKey).WithName(nameof(CreateKey))
            .WithSummary("Creates a key with a role (viewer, operator, admin). The key is in this answer only; the cloud keeps just its SHA-256.");
        api.MapGet("/", ListKeys).WithName(nameof(ListKeys)).WithSummary("Lists keys (ids, names, roles; never the keys).");
        api.MapDelete("/{keyId}", RevokeKey).WithName(nameof(RevokeKey)).WithSummary("Revokes a key at once.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>Creates a key.</summary>
    public static async Task<Results<Created<CreatedKey>, ValidationProblem>> CreateKey(
        CreateKeyRequest request, ICloudStorage storage, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength)
        {
            errors["name"] = [$"must be 1..{MaxNameLength} characters saying who or what uses the key"];
        }

        if (!ApiRoles.TryParse(request.Role, out var role))
        {
            errors["role"] = [$"must be {ApiRoles.Viewer}, {ApiRoles.Operator} or {ApiRoles.Admin}"];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var (key, record) = ApiKeys.Create(request.Name!.Trim(), role, time.GetUtcNow());
        await storage.ApiKeys.AddAsync(record, cancellationToken);
        return TypedResults.Created($"/api/keys/{record.Id}", new CreatedKey(record.Id, record.Name, ApiRoles.Name(record.Role), record.CreatedAt, key));
    }

    /// <summary>Lists keys.</summary>
    public static async Task<Ok<List<ApiKeyView>>> ListKeys(ICloudStorage storage, CancellationToken cancellationToken)
    {
        var keys = await storage.ApiKeys.ListAsync(cancellationToken);
        return TypedResults.Ok(keys.Select(View).ToList());
    }

    /// <summary>Revokes a key; the key making the request cannot revoke itself (that would lock out the last admin by accident).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        string keyId, ClaimsPrincipal user, ICloudStorage storage, CancellationToken cancellationToken)
    {
        if (user.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value == keyId)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cannot revoke the key in use",
                detail: "Revoke this key with another admin key.");
        }

        return await storage.ApiKeys.RevokeAsync(keyId, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Key not found", detail: $"No API key '{keyId}' exists.");
    }

    private static ApiKeyView View(ApiKeyRecord key) => new(key.Id, key.Name, ApiRoles.Name(key.Role), key.CreatedAt);
}
