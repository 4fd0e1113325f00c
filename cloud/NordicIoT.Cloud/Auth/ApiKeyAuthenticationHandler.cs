using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NordicIoT.Cloud.Storage;

namespace NordicIoT.Cloud.Auth;

/// <summary>Authenticates requests by API key (Authorization: Bearer, X-Api-Key, or the dashboard's session cookie) against the stored hashes, and answers 401/403 with problem details.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ICloudStorage storage, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header that may carry the key instead of Authorization.</summary>
    public const string KeyHeader = "X-Api-Key";

    /// <summary>The claim holding the key's id.</summary>
    public const string KeyIdClaim = "nordiciot:key_id";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null && SessionCookie.Read(Request) is { } sessionKey)
        {
            if (!SessionCookie.IsSameSiteRequest(Request))
            {
                return AuthenticateResult.Fail($"A signed-in dashboard request that changes something must carry the {SessionCookie.CsrfHeader} header (it guards against requests forged by other sites).");
            }

            key = sessionKey;
        }

        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        var record = await storage.ApiKeys.FindByHashAsync(ApiKeys.Hash(key), Context.RequestAborted).ConfigureAwait(false);
        if (record is null)
        {
            return AuthenticateResult.Fail("The API key is not known (mistyped, or revoked).");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(KeyIdClaim, record.Id),
                new Claim(ClaimTypes.Name, record.Name),
                new Claim(ClaimTypes.Role, ApiRoles.Name(record.Role)),
            ],
            SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "API key required",
            result.Failure?.Message ?? $"Send an API key as 'Authorization: Bearer <key>' or '{KeyHeader}: <key>'.").ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var required = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => ApiRoles.TryParse(a.Policy, out var role) ? role : (Access.ApiRole?)null)
            .Max();
        var held = Context.User.FindFirst(ClaimTypes.Role)?.Value ?? "no role";
        var needed = required is { } role ? $"the {ApiRoles.Name(role)} role" : "another role";
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Role too low", $"This needs {needed}; the API key has {held}.");
    }

    /// <summary>The key from Authorization: Bearer or X-Api-Key; null when neither is present.</summary>
    public static string? ReadKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = request.Headers[KeyHeader].ToString().Trim();
        return header.Length == 0 ? null : header;
    }

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }
}
