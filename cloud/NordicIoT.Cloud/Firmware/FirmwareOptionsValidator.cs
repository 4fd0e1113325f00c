using Microsoft.Extensions.Options;
using NordicIoT.Cloud.Rollouts;

namespace NordicIoT.Cloud.Firmware;

/// <summary>Checks sections "Firmware" and "Rollouts" at start-up; every message names the full setting path.</summary>
public sealed class FirmwareOptionsValidator : IValidateOptions<FirmwareOptions>, IValidateOptions<RolloutOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FirmwareOptions options)
    {
        var failures = new List<string>();
        if (options.ReleasePublicKey is not null && options.ReleasePublicKeyPath is not null)
        {
            failures.Add("Set Firmware:ReleasePublicKey or Firmware:ReleasePublicKeyPath, not both.");
        }

        if (options.ReleasePublicKey is { } hex && (hex.Length != 130 || !hex.All(char.IsAsciiHexDigit)))
        {
            failures.Add("Firmware:ReleasePublicKey must be 130 hex digits (the 65-byte uncompressed P-256 point, 04 || X || Y).");
        }

        if (options.MaxFileBytes is < 1 or > 64 * 1024 * 1024)
        {
            failures.Add("Firmware:MaxFileBytes must be 1..67108864.");
        }

        if (options.Targets.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 32))
        {
            failures.Add("Firmware:Targets entries must be board target names of 1..32 characters.");
        }

        if (!Enum.IsDefined(options.Store))
        {
            failures.Add("Firmware:Store must be Folder or S3.");
        }

        if (options.Store == FirmwareStore.S3)
        {
            if (string.IsNullOrWhiteSpace(options.S3.BucketName))
            {
                failures.Add("Firmware:S3:BucketName is required with Firmware:Store=S3.");
            }

            if (options.S3.ServiceUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                failures.Add($"Firmware:S3:ServiceUrl '{url}' is not an absolute http(s) URL.");
            }

            if (string.IsNullOrWhiteSpace(options.S3.Region) && options.S3.ServiceUrl is null)
            {
                failures.Add("Firmware:S3:Region is required with Firmware:Store=S3 (or set Firmware:S3:ServiceUrl for a local stand-in).");
            }
        }

        if (options.DownloadTokenKey is { } key && !IsKey(key))
        {
            failures.Add("Firmware:DownloadTokenKey must be base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RolloutOptions options)
    {
        var failures = new List<string>();
        if (options.PublicBaseUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0))
        {
            failures.Add($"Rollouts:PublicBaseUrl '{url}' is not an absolute http(s) URL without a query.");
        }

        if (options.TokenLifetime < TimeSpan.FromMinutes(10) || options.RenewBefore <= TimeSpan.Zero || options.RenewBefore >= options.TokenLifetime)
        {
            failures.Add("Rollouts:TokenLifetime must be at least 00:10:00 and Rollouts:RenewBefore between zero and it.");
        }

        if (options.InProgressTimeout < TimeSpan.FromMinutes(1))
        {
            failures.Add("Rollouts:InProgressTimeout must be at least 00:01:00.");
        }

        if (options.DriverInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add("Rollouts:DriverInterval must be at least 00:00:01.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsKey(string base64)
    {
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var length) && length >= DownloadTokens.MinKeyLength;
    }
}
