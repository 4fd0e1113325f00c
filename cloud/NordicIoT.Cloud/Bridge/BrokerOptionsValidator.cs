using Microsoft.Extensions.Options;

namespace NordicIoT.Cloud.Bridge;

/// <summary>Checks section "Broker" at start-up when a host is set; every message names the full setting path.</summary>
public sealed class BrokerOptionsValidator(IHostEnvironment environment) : IValidateOptions<BrokerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BrokerOptions options)
    {
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Broker:Port must be 1..65535, not {options.Port}.");
        }

        RequireFile(options.CaCertificatePath, "Broker:CaCertificatePath", "the project CA certificate (PEM)", failures);
        RequireFile(options.CertificatePath, "Broker:CertificatePath", "the cloud identity's certificate (PEM)", failures);
        RequireFile(options.KeyPath, "Broker:KeyPath", "the cloud identity's private key (PEM)", failures);
        if (string.IsNullOrEmpty(options.ClientId) || options.ClientId.Length > 128)
        {
            failures.Add("Broker:ClientId must be 1..128 characters.");
        }

        if (options.KeepAlive < TimeSpan.FromSeconds(30) || options.KeepAlive > TimeSpan.FromSeconds(1200))
        {
            failures.Add($"Broker:KeepAlive must be 00:00:30..00:20:00 (AWS IoT's range), not {options.KeepAlive}.");
        }

        if (options.ReconnectMinDelay <= TimeSpan.Zero || options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            failures.Add("Broker:ReconnectMinDelay must be positive and at most Broker:ReconnectMaxDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The full path of a configured file: relative paths count from the content root.</summary>
    public static string Resolve(string path, IHostEnvironment environment) => Path.GetFullPath(path, environment.ContentRootPath);

    private void RequireFile(string? path, string setting, string what, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{setting} is required when Broker:Host is set: {what}.");
        }
        else if (!File.Exists(Resolve(path, environment)))
        {
            failures.Add($"{setting} '{path}' does not exist (looked at {Resolve(path, environment)}).");
        }
    }
}
