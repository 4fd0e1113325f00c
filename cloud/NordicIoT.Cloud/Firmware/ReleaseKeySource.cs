using Microsoft.Extensions.Options;

namespace NordicIoT.Cloud.Firmware;

/// <summary>Loads the release public key once from Firmware:ReleasePublicKey or Firmware:ReleasePublicKeyPath.</summary>
public sealed class ReleaseKeySource(IOptions<FirmwareOptions> options, IHostEnvironment environment) : IDisposable
{
    private readonly Lazy<(ReleasePublicKey? Key, string Problem)> _loaded = new(() => Load(options.Value, environment.ContentRootPath));

    /// <summary>The key, or null with why there is none.</summary>
    public ReleasePublicKey? TryGet(out string problem)
    {
        var (key, reason) = _loaded.Value;
        problem = reason;
        return key;
    }

    public void Dispose()
    {
        if (_loaded.IsValueCreated)
        {
            _loaded.Value.Key?.Dispose();
        }
    }

    private static (ReleasePublicKey?, string) Load(FirmwareOptions options, string contentRoot)
    {
        try
        {
            if (options.ReleasePublicKey is { } hex)
            {
                return (ReleasePublicKey.FromPoint(Convert.FromHexString(hex)), "");
            }

            if (options.ReleasePublicKeyPath is { } path)
            {
                var full = Path.GetFullPath(path, contentRoot);
                return File.Exists(full)
                    ? (ReleasePublicKey.FromPoint(File.ReadAllBytes(full)), "")
                    : (null, $"Firmware:ReleasePublicKeyPath names {full}, which does not exist.");
            }
        }
        catch (FormatException e)
        {
            return (null, $"The configured release public key is not usable: {e.Message}");
        }

        return (null, "No release public key is configured: set Firmware:ReleasePublicKeyPath to pki/release-signing.pub (made by `nordiciot provision`) or Firmware:ReleasePublicKey to its hex.");
    }
}
