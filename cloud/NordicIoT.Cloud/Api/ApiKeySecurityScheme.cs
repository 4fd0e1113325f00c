using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NordicIoT.Cloud.Auth;

namespace NordicIoT.Cloud.Api;

/// <summary>Declares the bearer API key in the OpenAPI document, so the API browser's Authorize button sends it.</summary>
public sealed class ApiKeySecurityScheme : IOpenApiDocumentTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key (nio_...). Roles: viewer < operator < admin. Also accepted as the X-Api-Key header.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] });
        return Task.CompletedTask;
    }
}
