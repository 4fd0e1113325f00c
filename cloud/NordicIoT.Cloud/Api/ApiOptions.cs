namespace NordicIoT.Cloud.Api;

/// <summary>Settings of section "Api".</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api";

    /// <summary>Largest request body, bytes (a configuration is well under 2 KB of JSON).</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;
}
