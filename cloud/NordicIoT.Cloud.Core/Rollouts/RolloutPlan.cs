using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Rollouts;

/// <summary>What an operator asks for when starting a rollout.</summary>
/// <param name="Stages">Percent of the target per stage, rising, 1..100.</param>
/// <param name="SoakTime">Automatic advance after this long per stage; null for manual stages.</param>
public sealed record RolloutPlan(string ReleaseId, RolloutTarget Target, IReadOnlyList<int> Stages, TimeSpan? SoakTime, AbortThreshold Abort)
{
    /// <summary>Most stages a rollout has.</summary>
    public const int MaxStages = 10;

    /// <summary>Most devices a rollout may list by id.</summary>
    public const int MaxDeviceIds = 1000;

    /// <summary>Shortest automatic soak time.</summary>
    public static readonly TimeSpan MinSoakTime = TimeSpan.FromMinutes(1);

    /// <summary>Problems by field (API names); empty when the plan is valid.</summary>
    public Dictionary<string, List<string>> Problems()
    {
        var problems = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (problems.TryGetValue(field, out var list) ? list : problems[field] = []).Add(message);

        if (Stages is null || Stages.Count is 0 or > MaxStages)
        {
            Add("stages", $"must list 1..{MaxStages} percentages");
        }
        else if (Stages.Any(p => p is < 1 or > 100) || Stages.Zip(Stages.Skip(1)).Any(pair => pair.Second <= pair.First))
        {
            Add("stages", "must be percentages 1..100, each larger than the one before (e.g. [5, 25, 100])");
        }

        switch (Target.Kind)
        {
            case RolloutTargetKind.Devices when Target.DeviceIds.Count is 0 or > MaxDeviceIds:
                Add("target.deviceIds", $"must list 1..{MaxDeviceIds} device ids");
                break;
            case RolloutTargetKind.Devices when Target.DeviceIds.Any(id => !Topics.IsValidDeviceId(id)):
                Add("target.deviceIds", "holds an id that is not a device id");
                break;
            case RolloutTargetKind.Devices when Target.DeviceIds.Distinct(StringComparer.Ordinal).Count() != Target.DeviceIds.Count:
                Add("target.deviceIds", "lists a device twice");
                break;
            case RolloutTargetKind.Group when string.IsNullOrWhiteSpace(Target.Group) || Target.Group.Length > 64:
                Add("target.group", "must be a group name of 1..64 characters");
                break;
        }

        if (SoakTime is { } soak && soak < MinSoakTime)
        {
            Add("soakMinutes", $"must be at least {MinSoakTime.TotalMinutes} or left out (stages advance by hand)");
        }

        if (Abort.MaxFailures is < 1)
        {
            Add("abort.maxFailures", "must be at least 1 or left out");
        }

        if (Abort.MaxFailurePercent is < 1 or > 100)
        {
            Add("abort.maxFailurePercent", "must be 1..100 or left out");
        }

        if (Abort.MinEnded < 1)
        {
            Add("abort.minEnded", "must be at least 1");
        }

        return problems;
    }
}
