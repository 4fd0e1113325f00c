namespace NordicIoT.Cloud.Firmware;

/// <summary>What a download token allows: one device fetching the files of one release for one rollout, until it expires.</summary>
public sealed record DownloadGrant(string DeviceId, long RolloutId, string ReleaseId, DateTimeOffset ExpiresAt);
