using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NordicIoT.Cloud.Auth;

namespace NordicIoT.Cloud.Firmware;

/// <summary>Authenticates devices downloading firmware by the token of their offer (Authorization: Bearer ota1....), checked without storage; answers 401/403 with problem details.</summary>
public sealed class DownloadTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DownloadTokens tokens, TimeProvider time, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "DownloadToken";

    /// <summary>The policy the download endpoint requires.</summary>
    public const string Policy = "device-download";

    public const string DeviceClaim = "nordiciot:device";

    public const string RolloutClaim = "nordiciot:rollout";

    public const string ReleaseClaim = "nordiciot:release";

    /// <summary>True when the request carries a download token (so the API-key scheme can hand it over instead of looking the token up as a key).</summary>
    public static bool CarriesToken(HttpContext context) =>
        ApiKeyAuthenticationHandler.ReadKey(context.Request) is { } key && key.StartsWith(DownloadTokens.Prefix, StringComparison.Ordinal);

    /// <summary>The grant of an authenticated request.</summary>
    public static DownloadGrant GrantOf(ClaimsPrincipal user) => new(
        user.FindFirstValue(DeviceClaim)!,
        long.Parse(user.FindFirstValue(RolloutClaim)!, CultureInfo.InvariantCulture),
        user.FindFirstValue(ReleaseClaim)!,
        DateTimeOffset.MinValue);

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!CarriesToken(Context))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var grant = tokens.Check(ApiKeyAuthenticationHandler.ReadKey(Request), time.GetUtcNow(), out var problem);
        if (grant is null)
        {
            return Task.FromResult(AuthenticateResult.Fail(problem));
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, grant.DeviceId),
                new Claim(DeviceClaim, grant.DeviceId),
                new Claim(RolloutClaim, grant.RolloutId.ToString(CultureInfo.InvariantCulture)),
                new Claim(ReleaseClaim, grant.ReleaseId),
            ],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Download token required",
            result.Failure?.Message ?? "Send the token of the device's firmware offer as 'Authorization: Bearer <token>'.").ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Not a download token", "Firmware files are for devices holding an offer's download token.");

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
