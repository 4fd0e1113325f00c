using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using NordicIoT.Cloud.Json;

namespace NordicIoT.Cloud.Api;

/// <summary>Wires what every endpoint shares: problem details, source-generated JSON, the request size limit and the OpenAPI document.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>Adds the API's shared services; section "Api" holds the limits.</summary>
    public static IServiceCollection AddCloudApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section)
            .Validate(o => o.MaxRequestBodyBytes is >= 1024 and <= 16 * 1024 * 1024, "Api:MaxRequestBodyBytes must be 1024..16777216.")
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, CloudJsonContext.Default));
        services.AddOpenApi(options => options.AddDocumentTransformer<ApiKeySecurityScheme>());
        return services;
    }

    /// <summary>Adds exception and status-code problem details, authentication, authorization and the offline API browser at /docs.</summary>
    public static WebApplication UseCloudApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "docs";
            options.DocumentTitle = "NordicIoT API";
            options.SwaggerEndpoint("/openapi/v1.json", "NordicIoT API v1");
        });
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
