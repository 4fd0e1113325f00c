using Amazon;
using Amazon.S3;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using NordicIoT.Cloud.Auth;
using NordicIoT.Cloud.Ingestion;
using NordicIoT.Cloud.Json;
using NordicIoT.Cloud.Rollouts;
using NordicIoT.Cloud.S3;
using NordicIoT.Cloud.Storage;
using NordicIoT.Cloud.Storage.Ota;

namespace NordicIoT.Cloud.Firmware;

/// <summary>Wires firmware releases and rollouts: options (sections "Firmware" and "Rollouts"), the file store, download tokens and their scheme, the rollout runner fed by ingestion, and the rollout driver.</summary>
public static class FirmwareServiceCollectionExtensions
{
    /// <summary>Adds everything OTA needs; call after AddApiKeyAuth and AddCloudStorage.</summary>
    public static IServiceCollection AddFirmware(this IServiceCollection services)
    {
        services.AddOptions<FirmwareOptions>().BindConfiguration(FirmwareOptions.Section).ValidateOnStart();
        services.AddOptions<RolloutOptions>().BindConfiguration(RolloutOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FirmwareOptions>, FirmwareOptionsValidator>();
        services.AddSingleton<IValidateOptions<RolloutOptions>, FirmwareOptionsValidator>();
        services.AddSingleton<ReleaseKeySource>();
        services.AddSingleton<IAmazonS3>(CreateS3Client);
        services.AddSingleton(CreateFileStore);
        services.AddSingleton(sp => new DownloadTokens(DownloadTokenKey.Load(
            sp.GetRequiredService<IOptions<FirmwareOptions>>().Value, sp.GetRequiredService<DataFolder>())));
        services.AddSingleton<IFirmwareOffers, PublishedFirmwareOffers>();
        services.AddSingleton(sp => new RolloutRunner(
            sp.GetRequiredService<ICloudStorage>(),
            sp.GetRequiredService<IFirmwareOffers>(),
            sp.GetRequiredService<DownloadTokens>(),
            sp.GetRequiredService<IOptions<RolloutOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IOtaProgressSink>(sp => sp.GetRequiredService<RolloutRunner>());
        services.AddHostedService<RolloutDriver>();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DownloadTokenAuthenticationHandler>(DownloadTokenAuthenticationHandler.SchemeName, null);

        // A download token is no API key: hand it to its own scheme instead of looking its hash up among the keys (once per fragment).
        services.PostConfigure<AuthenticationSchemeOptions>(ApiKeyAuthenticationHandler.SchemeName,
            options => options.ForwardDefaultSelector = context => DownloadTokenAuthenticationHandler.CarriesToken(context) ? DownloadTokenAuthenticationHandler.SchemeName : null);
        services.AddAuthorizationBuilder().AddPolicy(DownloadTokenAuthenticationHandler.Policy, policy => policy
            .AddAuthenticationSchemes(DownloadTokenAuthenticationHandler.SchemeName)
            .RequireClaim(DownloadTokenAuthenticationHandler.DeviceClaim));
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Add(FirmwareJsonContext.Default));
        return services;
    }

    private static IFirmwareFileStore CreateFileStore(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<FirmwareOptions>>().Value;
        if (options.Store == FirmwareStore.S3)
        {
            return new S3FirmwareFileStore(services.GetRequiredService<IAmazonS3>(), new S3FirmwareStoreOptions
            {
                BucketName = options.S3.BucketName!,
                KeyPrefix = options.S3.KeyPrefix,
                PresignDownloads = options.S3.PresignDownloads,
                PresignProtocol = options.S3.ServiceUrl is { } url && url.StartsWith("http:", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
            });
        }

        var folder = services.GetRequiredService<DataFolder>();
        var contentRoot = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        return new FolderFirmwareFileStore(folder.Resolve(options.FolderPath, contentRoot, "firmware"));
    }

    // Credentials come from the SDK's default chain (environment, profile, instance or Lambda role).
    private static IAmazonS3 CreateS3Client(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<FirmwareOptions>>().Value.S3;
        var config = new AmazonS3Config();
        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = options.Region ?? "us-east-1";
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return new AmazonS3Client(config);
    }
}
