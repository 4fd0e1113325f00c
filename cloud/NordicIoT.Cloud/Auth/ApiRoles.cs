using NordicIoT.Cloud.Access;

namespace NordicIoT.Cloud.Auth;

/// <summary>The role names used in claims, policies and the API, and how roles order: viewer &lt; operator &lt; admin.</summary>
public static class ApiRoles
{
    /// <summary>Reads devices, readings, dead letters.</summary>
    public const string Viewer = "viewer";

    /// <summary>Also changes device configuration.</summary>
    public const string Operator = "operator";

    /// <summary>Also registers devices and manages API keys.</summary>
    public const string Admin = "admin";

    /// <summary>The role's name.</summary>
    public static string Name(ApiRole role) => role switch
    {
        ApiRole.Viewer => Viewer,
        ApiRole.Operator => Operator,
        ApiRole.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not an API role"),
    };

    /// <summary>Parses a role name (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? name, out ApiRole role)
    {
        switch (name?.ToLowerInvariant())
        {
            case Viewer: role = ApiRole.Viewer; return true;
            case Operator: role = ApiRole.Operator; return true;
            case Admin: role = ApiRole.Admin; return true;
            default: role = default; return false;
        }
    }

    /// <summary>The role names that satisfy a policy requiring <paramref name="role"/>: it and every higher one.</summary>
    public static string[] AtLeast(ApiRole role) => Enum.GetValues<ApiRole>().Where(r => r >= role).Select(Name).ToArray();
}
