namespace NordicIoT.Cloud.Health;

/// <summary>Wires the readiness checks.</summary>
public static class HealthServiceCollectionExtensions
{
    /// <summary>The tag of checks /health/ready runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Adds the storage and bridge checks, both tagged <see cref="ReadyTag"/>.</summary>
    public static IServiceCollection AddCloudHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag])
            .AddCheck<BridgeHealthCheck>("bridge", tags: [ReadyTag]);
        return services;
    }
}
