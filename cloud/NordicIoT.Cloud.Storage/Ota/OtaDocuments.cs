using System.Text.Json;
using System.Text.Json.Serialization;
using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.Rollouts;

namespace NordicIoT.Cloud.Storage.Ota;

/// <summary>How both engines store release, rollout and execution fields that need no index: one JSON document each (instants as UTC ticks), beside the key, status and version columns or attributes.</summary>
public static class OtaDocuments
{
    /// <summary>The document part of a release.</summary>
    public static string Serialize(Release release) => JsonSerializer.Serialize(
        new ReleaseDocument([.. release.Targets], [.. release.Files.Select(f => new ReleaseFileDocument(f.Name, f.Size, Convert.ToHexStringLower(f.Sha256)))], release.AllowDowngrade),
        OtaJsonContext.Default.ReleaseDocument);

    /// <summary>Rebuilds a release from its stored parts.</summary>
    public static Release Release(string id, string version, ReleaseStatus status, long createdTicks, string json, byte[] manifest, byte[] signature)
    {
        var document = Read(json, OtaJsonContext.Default.ReleaseDocument, $"release {id}");
        return new Release(id, version, document.Targets, [.. document.Files.Select(f => new ReleaseFile(f.Name, f.Size, Convert.FromHexString(f.Sha256)))],
            document.AllowDowngrade, manifest, signature, status, StoredTime.FromTicks(createdTicks));
    }

    /// <summary>The document part of a rollout (all but id and revision).</summary>
    public static string Serialize(Rollout rollout) => JsonSerializer.Serialize(new RolloutDocument(
        rollout.ReleaseId,
        rollout.Version,
        (int)rollout.Target.Kind,
        [.. rollout.Target.DeviceIds],
        rollout.Target.Group,
        [.. rollout.Stages],
        rollout.SoakTime?.Ticks,
        rollout.Abort.MaxFailures,
        rollout.Abort.MaxFailurePercent,
        rollout.Abort.MinEnded,
        (int)rollout.Status,
        rollout.Stage,
        StoredTime.ToTicks(rollout.CreatedAt),
        StoredTime.ToTicks(rollout.StageStartedAt),
        rollout.EndedAt is { } ended ? StoredTime.ToTicks(ended) : null,
        rollout.EndReason), OtaJsonContext.Default.RolloutDocument);

    /// <summary>Rebuilds a rollout from its stored parts.</summary>
    public static Rollout Rollout(long id, long revision, string json)
    {
        var d = Read(json, OtaJsonContext.Default.RolloutDocument, $"rollout {id}");
        return new Rollout
        {
            Id = id,
            Revision = revision,
            ReleaseId = d.ReleaseId,
            Version = d.Version,
            Target = new RolloutTarget((RolloutTargetKind)d.TargetKind, d.DeviceIds, d.Group),
            Stages = d.Stages,
            SoakTime = d.SoakTicks is { } soak ? TimeSpan.FromTicks(soak) : null,
            Abort = new AbortThreshold(d.MaxFailures, d.MaxFailurePercent, d.MinEnded),
            Status = (RolloutStatus)d.Status,
            Stage = d.Stage,
            CreatedAt = StoredTime.FromTicks(d.CreatedAt),
            StageStartedAt = StoredTime.FromTicks(d.StageStartedAt),
            EndedAt = d.EndedAt is { } ended ? StoredTime.FromTicks(ended) : null,
            EndReason = d.EndReason,
        };
    }

    /// <summary>The document part of an execution (all but rollout, device and version number).</summary>
    public static string Serialize(Execution e) => JsonSerializer.Serialize(new ExecutionDocument(
        (int)e.Status,
        e.Step is { } step ? (int)step : null,
        e.Percent,
        e.Reason,
        e.Stage,
        StoredTime.ToTicks(e.QueuedAt),
        Ticks(e.StartedAt),
        StoredTime.ToTicks(e.UpdatedAt),
        Ticks(e.EndedAt),
        Ticks(e.ReportedAt),
        Ticks(e.OfferExpiresAt)), OtaJsonContext.Default.ExecutionDocument);

    /// <summary>Rebuilds an execution from its stored parts.</summary>
    public static Execution Execution(long rolloutId, string deviceId, long versionNumber, string json)
    {
        var d = Read(json, OtaJsonContext.Default.ExecutionDocument, $"execution of '{deviceId}' in rollout {rolloutId}");
        return new Execution
        {
            RolloutId = rolloutId,
            DeviceId = deviceId,
            VersionNumber = versionNumber,
            Status = (ExecutionStatus)d.Status,
            Step = d.Step is { } step ? (ExecutionStep)step : null,
            Percent = d.Percent,
            Reason = d.Reason,
            Stage = d.Stage,
            QueuedAt = StoredTime.FromTicks(d.QueuedAt),
            StartedAt = Time(d.StartedAt),
            UpdatedAt = StoredTime.FromTicks(d.UpdatedAt),
            EndedAt = Time(d.EndedAt),
            ReportedAt = Time(d.ReportedAt),
            OfferExpiresAt = Time(d.OfferExpiresAt),
        };
    }

    private static long? Ticks(DateTimeOffset? time) => time is { } t ? StoredTime.ToTicks(t) : null;

    private static DateTimeOffset? Time(long? ticks) => ticks is { } t ? StoredTime.FromTicks(t) : null;

    private static T Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new InvalidDataException($"stored {what} is JSON null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"stored {what} is not valid JSON: {e.Message}", e);
        }
    }
}

/// <summary>Stored fields of a release.</summary>
public sealed record ReleaseDocument(string[] Targets, ReleaseFileDocument[] Files, bool AllowDowngrade);

/// <summary>Stored fields of a release file (hash as hex).</summary>
public sealed record ReleaseFileDocument(string Name, long Size, string Sha256);

/// <summary>Stored fields of a rollout.</summary>
public sealed record RolloutDocument(
    string ReleaseId, string Version, int TargetKind, string[] DeviceIds, string? Group, int[] Stages, long? SoakTicks,
    int? MaxFailures, int? MaxFailurePercent, int MinEnded, int Status, int Stage, long CreatedAt, long StageStartedAt, long? EndedAt, string? EndReason);

/// <summary>Stored fields of an execution.</summary>
public sealed record ExecutionDocument(
    int Status, int? Step, int? Percent, string? Reason, int Stage, long QueuedAt, long? StartedAt, long UpdatedAt, long? EndedAt, long? ReportedAt, long? OfferExpiresAt);

/// <summary>Source-generated JSON for the OTA documents.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReleaseDocument))]
[JsonSerializable(typeof(RolloutDocument))]
[JsonSerializable(typeof(ExecutionDocument))]
public sealed partial class OtaJsonContext : JsonSerializerContext;
