using Microsoft.Extensions.Options;
using NordicIoT.Cloud.Sqlite;

namespace NordicIoT.Cloud.Storage;

/// <summary>Wires the storage engine chosen in section "Storage".</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Adds the options, the data folder, the <see cref="ICloudStorage"/> of the configured engine and its start-up initialization.</summary>
    public static IServiceCollection AddCloudStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton(sp => new DataFolder(Path.GetFullPath(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddSingleton(Create);
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    private static ICloudStorage Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var folder = services.GetRequiredService<DataFolder>();
        var contentRoot = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        return options.Engine switch
        {
            StorageEngine.Sqlite => new SqliteCloudStorage(folder.Resolve(options.Sqlite.Path, contentRoot, "nordiciot.db")),
            _ => throw new InvalidOperationException($"Storage:Engine={options.Engine} is not available in this build; use {StorageEngine.Sqlite}."),
        };
    }
}
