using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.Rollouts;

namespace NordicIoT.Cloud.Storage.Ota;

/// <summary>The checks both engines run before storing releases, rollouts and executions, so they refuse the same things alike.</summary>
public static class OtaArguments
{
    /// <summary>Throws unless the release can be stored.</summary>
    public static void CheckRelease(Release release)
    {
        ArgumentNullException.ThrowIfNull(release);
        FirmwareFileNames.CheckId(release.Id, nameof(release));
        if (!SemanticVersion.TryParse(release.Version, out _, out var problem))
        {
            throw new ArgumentException($"release version '{release.Version}' {problem}", nameof(release));
        }

        if (release.Files is not { Count: > 0 } || release.Targets is not { Count: > 0 } || release.Manifest is not { Length: > 0 } || release.Signature is null)
        {
            throw new ArgumentException($"release {release.Id} needs targets, files, a manifest and a signature", nameof(release));
        }

        foreach (var file in release.Files)
        {
            FirmwareFileNames.CheckName(file.Name, nameof(release));
            if (file.Sha256 is not { Length: 32 } || file.Size < 0)
            {
                throw new ArgumentException($"file '{file.Name}' of release {release.Id} needs a size and a 32-byte SHA-256", nameof(release));
            }
        }
    }

    /// <summary>The key that makes versions unique: the version without build metadata.</summary>
    public static string VersionKey(string version) =>
        SemanticVersion.TryParse(version, out var parsed, out var problem) ? parsed.PrecedenceKey : throw new ArgumentException($"'{version}' is not a semantic version: {problem}", nameof(version));

    /// <summary>Throws unless the rollout can be stored.</summary>
    public static void CheckRollout(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        FirmwareFileNames.CheckId(rollout.ReleaseId, nameof(rollout));
        if (rollout.Stages is not { Count: > 0 } || rollout.Stage < 0 || rollout.Stage >= rollout.Stages.Count || rollout.Target is null || rollout.Abort is null)
        {
            throw new ArgumentException("a rollout needs a target, an abort threshold, stages, and a current stage among them", nameof(rollout));
        }
    }

    /// <summary>Throws unless the execution can be stored.</summary>
    public static void CheckExecution(Execution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        StorageArguments.CheckDeviceId(execution.DeviceId);
        CheckRolloutId(execution.RolloutId);
    }

    /// <summary>Throws unless <paramref name="rolloutId"/> is an id a store assigns.</summary>
    public static void CheckRolloutId(long rolloutId) => ArgumentOutOfRangeException.ThrowIfLessThan(rolloutId, 1);
}
