using Microsoft.Extensions.Options;
using NordicIoT.Cloud.Publishing;

namespace NordicIoT.Cloud.Bridge;

/// <summary>Wires the broker settings (section "Broker"), the cloud MQTT connection, the bridge, the MQTT device publisher and the re-publishing of pending configurations.</summary>
public static class BridgeServiceCollectionExtensions
{
    /// <summary>Adds the bridge (idle when no broker is configured) and <see cref="IDevicePublisher"/> over the same connection.</summary>
    public static IServiceCollection AddMqttBridge(this IServiceCollection services)
    {
        services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrokerOptions>, BrokerOptionsValidator>();
        services.AddSingleton<CloudMqttConnection>();
        services.AddSingleton<MqttBridge>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttBridge>());
        services.AddSingleton<IDevicePublisher, MqttDevicePublisher>();
        services.AddSingleton<PendingConfigPublisher>();
        return services;
    }
}
