using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NordicIoT.Cloud.Api.Contracts;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Storage;

namespace NordicIoT.Cloud.Api;

/// <summary>The dashboard's sign-in: trade an API key for an HttpOnly session cookie (see <see cref="SessionCookie"/>), ask who is signed in, sign out.</summary>
public static class SessionApi
{
    /// <summary>Maps POST, GET and DELETE /api/session.</summary>
    public static RouteGroupBuilder MapSessionApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/session").WithTags("Session");
        api.MapPost("/", SignIn).WithName(nameof(SignIn)).AllowAnonymous()
            .WithSummary("Checks an API key and sets it as an HttpOnly, SameSite=Strict session cookie for the dashboard; answers with the key's name and role.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapGet("/", GetSession).WithName(nameof(GetSession)).RequireAuthorization(ApiRoles.Viewer)
            .WithSummary("The key the request is authenticated with: id, name and role.");
        api.MapDelete("/", SignOut).WithName(nameof(SignOut)).AllowAnonymous()
            .WithSummary("Clears the session cookie.");
        return api;
    }

    /// <summary>Signs in with an API key.</summary>
    public static async Task<Results<Ok<SessionView>, ValidationProblem, ProblemHttpResult>> SignIn(
        SignInRequest request, ICloudStorage storage, HttpResponse response, CancellationToken cancellationToken)
    {
        var key = request.ApiKey?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            return Problems.Invalid("apiKey", $"enter an API key (it starts with {ApiKeys.Prefix})");
        }

        if (await storage.ApiKeys.FindByHashAsync(ApiKeys.Hash(key), cancellationToken) is not { } record)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key not accepted",
                detail: $"This API key is not known: check that it was copied whole ({ApiKeys.Prefix}<id>.<secret>) and has not been revoked.");
        }

        SessionCookie.Append(response, key);
        return TypedResults.Ok(new SessionView(record.Id, record.Name, ApiRoles.Name(record.Role)));
    }

    /// <summary>Who is signed in.</summary>
    public static Ok<SessionView> GetSession(ClaimsPrincipal user) => TypedResults.Ok(new SessionView(
        user.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value ?? "",
        user.Identity?.Name ?? "",
        user.FindFirst(ClaimTypes.Role)?.Value ?? ""));

    /// <summary>Signs out.</summary>
    public static NoContent SignOut(HttpResponse response)
    {
        SessionCookie.Delete(response);
        return TypedResults.NoContent();
    }
}
