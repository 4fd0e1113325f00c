using Microsoft.AspNetCore.Authentication;
using NordicIoT.Cloud.Access;

namespace NordicIoT.Cloud.Auth;

/// <summary>Wires API-key authentication, the role policies and the first-run admin key.</summary>
public static class AuthServiceCollectionExtensions
{
    /// <summary>Adds the ApiKey scheme and the policies <see cref="ApiRoles.Viewer"/>, <see cref="ApiRoles.Operator"/> and <see cref="ApiRoles.Admin"/>, each met by its role or a higher one.</summary>
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiRoles.Viewer, policy => policy.RequireRole(ApiRoles.AtLeast(ApiRole.Viewer)))
            .AddPolicy(ApiRoles.Operator, policy => policy.RequireRole(ApiRoles.AtLeast(ApiRole.Operator)))
            .AddPolicy(ApiRoles.Admin, policy => policy.RequireRole(ApiRoles.AtLeast(ApiRole.Admin)));
        services.AddHostedService<FirstAdminKey>();
        return services;
    }
}
