namespace NordicIoT.Cloud.Rollouts;

/// <summary>Settings of section "Rollouts": how executions time out, how long download tokens live, where devices download.</summary>
public sealed class RolloutOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Rollouts";

    /// <summary>The cloud's URL as devices reach it (e.g. https://iot.example.com); offers point at {PublicBaseUrl}/api/firmware/{release}/files/. Required to start rollouts.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>An IN_PROGRESS execution that reports no end this long after it started becomes TIMED_OUT.</summary>
    public TimeSpan InProgressTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long the download token in an offer is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>An offer is republished with a fresh token when its token has less than this left (so a device never holds an expired one for long).</summary>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How often the rollout driver looks at every rollout in progress.</summary>
    public TimeSpan DriverInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>False to run no driver in this process (another process drives, or a test calls it).</summary>
    public bool DriverEnabled { get; set; } = true;

    /// <summary>The download base URL of a release's files.</summary>
    public string DownloadBaseUrl(string releaseId) => $"{PublicBaseUrl!.TrimEnd('/')}/api/firmware/{releaseId}/files/";
}
