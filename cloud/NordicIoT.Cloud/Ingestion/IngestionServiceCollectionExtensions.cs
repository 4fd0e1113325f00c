using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NordicIoT.Cloud.Ingestion.Events;
using NordicIoT.Cloud.Storage;

namespace NordicIoT.Cloud.Ingestion;

/// <summary>Wires the ingestion pipeline, its limits (section "Ingestion"), metrics and live device events.</summary>
public static class IngestionServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IngestPipeline"/> with what it needs.</summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptionsValidator.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<IDeviceEvents, InProcessDeviceEvents>();
        services.AddSingleton(sp => new IngestPipeline(
            sp.GetRequiredService<ICloudStorage>(),
            sp.GetRequiredService<IDeviceEvents>(),
            sp.GetRequiredService<IOptions<IngestOptions>>().Value,
            sp.GetRequiredService<IngestMetrics>(),
            sp.GetService<IOtaProgressSink>()));
        return services;
    }
}
