using Amazon;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.Options;
using NordicIoT.Cloud.DynamoDb;
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
        services.AddSingleton<IAmazonDynamoDB>(CreateDynamoDbClient);
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
            _ => new DynamoDbCloudStorage(services.GetRequiredService<IAmazonDynamoDB>(), new DynamoDbStorageOptions { TablePrefix = options.DynamoDb.TablePrefix }),
        };
    }

    // Credentials come from the SDK's default chain (environment, profile, instance or Lambda role).
    private static IAmazonDynamoDB CreateDynamoDbClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value.DynamoDb;
        var config = new AmazonDynamoDBConfig();
        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = options.Region ?? "us-east-1";
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return new AmazonDynamoDBClient(config);
    }
}
