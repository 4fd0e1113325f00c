using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.Rollouts;

namespace NordicIoT.Cloud.Storage.Tests;

public abstract partial class CloudStorageContract
{
    [Fact]
    public async Task Rollouts_get_increasing_ids_and_read_back_as_stored()
    {
        var first = await Storage.Rollouts.AddAsync(Rollout(RolloutTarget.InGroup("field")), None);
        var second = await Storage.Rollouts.AddAsync(Rollout(RolloutTarget.Devices(["a", "b"])), None);

        Assert.True(first.Id >= 1);
        Assert.True(second.Id > first.Id);
        Assert.Equal(1, second.Revision);
        var stored = await Storage.Rollouts.GetAsync(second.Id, None);
        Assert.NotNull(stored);
        Assert.Equal(RolloutTargetKind.Devices, stored.Target.Kind);
        Assert.Equal(["a", "b"], stored.Target.DeviceIds);
        Assert.Equal([5, 25, 100], stored.Stages);
        Assert.Equal(TimeSpan.FromHours(2), stored.SoakTime);
        Assert.Equal(new AbortThreshold(3, 20, 5), stored.Abort);
        Assert.Equal(Now, stored.StageStartedAt);
        Assert.Equal(RolloutStatus.InProgress, stored.Status);
        Assert.Equal("field", (await Storage.Rollouts.GetAsync(first.Id, None))!.Target.Group);
        Assert.Equal([second.Id, first.Id], (await Storage.Rollouts.ListAsync(None)).Select(r => r.Id));
        Assert.Null(await Storage.Rollouts.GetAsync(second.Id + 100, None));
    }

    [Fact]
    public async Task Rollout_replace_is_compare_and_swap_on_the_revision()
    {
        var rollout = await Storage.Rollouts.AddAsync(Rollout(RolloutTarget.Fleet()), None);
        var stale = (await Storage.Rollouts.GetAsync(rollout.Id, None))!;
        rollout.Stage = 1;

        Assert.True(await Storage.Rollouts.TryReplaceAsync(rollout, 1, None));
        Assert.Equal(2, rollout.Revision);

        stale.Status = RolloutStatus.Canceled;
        Assert.False(await Storage.Rollouts.TryReplaceAsync(stale, 1, None));
        var stored = (await Storage.Rollouts.GetAsync(rollout.Id, None))!;
        Assert.Equal((1, RolloutStatus.InProgress, 2L), (stored.Stage, stored.Status, stored.Revision));
    }

    [Fact]
    public async Task A_device_gets_one_execution_per_rollout()
    {
        var rollout = await Storage.Rollouts.AddAsync(Rollout(RolloutTarget.Fleet()), None);

        Assert.True(await Storage.Rollouts.TryAddExecutionAsync(Execution(rollout.Id, "dev-1"), None));
        Assert.False(await Storage.Rollouts.TryAddExecutionAsync(Execution(rollout.Id, "dev-1"), None));

        var stored = await Storage.Rollouts.GetExecutionAsync(rollout.Id, "dev-1", None);
        Assert.NotNull(stored);
        Assert.Equal((ExecutionStatus.Queued, 1L, Now), (stored.Status, stored.VersionNumber, stored.QueuedAt));
        Assert.Null(await Storage.Rollouts.GetExecutionAsync(rollout.Id, "dev-2", None));
    }

    [Fact]
    public async Task Execution_version_number_increases_with_every_update_and_guards_it()
    {
        var rollout = await Storage.Rollouts.AddAsync(Rollout(RolloutTarget.Fleet()), None);
        await Storage.Rollouts.TryAddExecutionAsync(Execution(rollout.Id, "dev-1"), None);
        var execution = (await Storage.Rollouts.GetExecutionAsync(rollout.Id, "dev-1", None))!;

        var update = execution.Copy();
        update.Status = ExecutionStatus.InProgress;
        update.Step = ExecutionStep.Downloading;
        update.Percent = 40;
        update.StartedAt = Now.AddMinutes(1);
        update.OfferExpiresAt = Now.AddDays(1);
        Assert.True(await Storage.Rollouts.TryReplaceExecutionAsync(update, 1, None));
        Assert.Equal(2, update.VersionNumber);
        Assert.False(await Storage.Rollouts.TryReplaceExecutionAsync(execution, 1, None));

        var stored = (await Storage.Rollouts.GetExecutionAsync(rollout.Id, "dev-1", None))!;
        Assert.Equal((ExecutionStatus.InProgress, ExecutionStep.Downloading, 40, 2L), (stored.Status, stored.Step!.Value, stored.Percent!.Value, stored.VersionNumber));
        Assert.Equal(Now.AddMinutes(1), stored.StartedAt);
        Assert.Equal(Now.AddDays(1), stored.OfferExpiresAt);
    }

    [Fact]
    public async Task Executions_list_by_device_id_a_page_at_a_time()
    {
        var rollout = await Storage.Rollouts.AddAsync(Rollout(RolloutTarget.Fleet()), None);
        var other = await Storage.Rollouts.AddAsync(Rollout(RolloutTarget.Fleet()), None);
        foreach (var id in new[] { "d3", "d1", "d5", "d2", "d4" })
        {
            await Storage.Rollouts.TryAddExecutionAsync(Execution(rollout.Id, id), None);
        }

        await Storage.Rollouts.TryAddExecutionAsync(Execution(other.Id, "d0"), None);

        var first = await Storage.Rollouts.ListExecutionsAsync(rollout.Id, null, 2, None);
        var second = await Storage.Rollouts.ListExecutionsAsync(rollout.Id, first[^1].DeviceId, 2, None);
        var last = await Storage.Rollouts.ListExecutionsAsync(rollout.Id, second[^1].DeviceId, 2, None);

        Assert.Equal(["d1", "d2", "d3", "d4", "d5"], first.Concat(second).Concat(last).Select(e => e.DeviceId));
        Assert.All(first.Concat(second).Concat(last), e => Assert.Equal(rollout.Id, e.RolloutId));
    }

    [Fact]
    public async Task A_device_executions_list_newest_rollout_first()
    {
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var rollout = await Storage.Rollouts.AddAsync(Rollout(RolloutTarget.Fleet()), None);
            await Storage.Rollouts.TryAddExecutionAsync(Execution(rollout.Id, "dev-1"), None);
            await Storage.Rollouts.TryAddExecutionAsync(Execution(rollout.Id, "dev-2"), None);
            ids.Add(rollout.Id);
        }

        var executions = await Storage.Rollouts.ListDeviceExecutionsAsync("dev-1", None);

        Assert.Equal(ids.AsEnumerable().Reverse(), executions.Select(e => e.RolloutId));
        Assert.All(executions, e => Assert.Equal("dev-1", e.DeviceId));
        Assert.Empty(await Storage.Rollouts.ListDeviceExecutionsAsync("dev-9", None));
    }

    private static Rollout Rollout(RolloutTarget target) => new()
    {
        ReleaseId = FirmwareFileNames.NewId(Now),
        Version = "1.5.0",
        Target = target,
        Stages = [5, 25, 100],
        SoakTime = TimeSpan.FromHours(2),
        Abort = new AbortThreshold(3, 20, 5),
        Status = RolloutStatus.InProgress,
        CreatedAt = Now,
        StageStartedAt = Now,
    };

    private static Execution Execution(long rolloutId, string deviceId) => new()
    {
        RolloutId = rolloutId,
        DeviceId = deviceId,
        Status = ExecutionStatus.Queued,
        QueuedAt = Now,
        UpdatedAt = Now,
        VersionNumber = 1,
    };
}
