namespace NordicIoT.Cloud.Auth;

/// <summary>Settings of section "Auth".</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Auth";

    /// <summary>On a start with no API key stored, create an admin key, log it once and save it in the data folder.</summary>
    public bool CreateFirstAdminKey { get; set; } = true;
}
