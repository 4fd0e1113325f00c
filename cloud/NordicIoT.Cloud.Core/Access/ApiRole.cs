namespace NordicIoT.Cloud.Access;

/// <summary>What an API key may do; each role includes the ones before it.</summary>
public enum ApiRole
{
    /// <summary>Reads devices, readings, dead letters, releases.</summary>
    Viewer = 0,

    /// <summary>Also changes device configuration and runs rollouts.</summary>
    Operator = 1,

    /// <summary>Also manages API keys and firmware releases.</summary>
    Admin = 2,
}
