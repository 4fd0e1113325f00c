using NordicIoT.Cloud.Api.Events;

namespace NordicIoT.Cloud.Dashboard;

/// <summary>Wires the browser dashboard: its live event stream; <see cref="DashboardAssets"/> serves its pages.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>Adds the services behind /api/events.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddTransient<DeviceEventStream>();
        return services;
    }
}
