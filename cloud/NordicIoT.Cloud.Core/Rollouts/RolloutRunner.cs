using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.Ingestion;
using NordicIoT.Cloud.Storage;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Rollouts;

/// <summary>Runs rollouts from what is stored, so any number of processes may call it: starts, advances and cancels them, and on each pass queues the devices a stage takes, publishes and renews their offers, times out and aborts, and completes.</summary>
/// <remarks>
/// A device holds one offer at a time (its retained d/{id}/f): it is not queued while it has an active execution in
/// another rollout or that rollout's offer may still be out. Executions are created with a conditional insert, so a
/// device never gets a rollout twice, even from two processes at once.
/// </remarks>
public sealed class RolloutRunner(ICloudStorage storage, IFirmwareOffers offers, DownloadTokens tokens, RolloutOptions options, TimeProvider time) : IOtaProgressSink
{
    private readonly RolloutUpdates _updates = new(storage.Rollouts);
    private readonly OfferDelivery _delivery = new(offers, tokens, options, time, storage.Rollouts);

    private const int PageSize = 500;

    /// <summary>Creates the rollout and runs its first pass (the first stage's offers go out now).</summary>
    /// <exception cref="RolloutStateException">The release is being deleted, or no public base URL is configured.</exception>
    public async Task<Rollout> StartAsync(RolloutPlan plan, Release release, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            throw new RolloutStateException("Rollouts:PublicBaseUrl is not set: offers need the URL devices download the files from.");
        }

        if (release.Status != ReleaseStatus.Ready)
        {
            throw new RolloutStateException($"Release {release.Id} is being deleted.");
        }

        var now = time.GetUtcNow();
        var rollout = await storage.Rollouts.AddAsync(new Rollout
        {
            ReleaseId = release.Id,
            Version = release.Version,
            Target = plan.Target,
            Stages = plan.Stages,
            SoakTime = plan.SoakTime,
            Abort = plan.Abort,
            Status = RolloutStatus.InProgress,
            CreatedAt = now,
            StageStartedAt = now,
        }, cancellationToken).ConfigureAwait(false);
        await DriveAsync(rollout.Id, new DriveReport(), cancellationToken).ConfigureAwait(false);
        return await storage.Rollouts.GetAsync(rollout.Id, cancellationToken).ConfigureAwait(false) ?? rollout;
    }

    /// <summary>Starts the next stage now and offers it; null when there is no such rollout.</summary>
    /// <exception cref="RolloutStateException">The rollout ended or is at its last stage.</exception>
    public async Task<Rollout?> AdvanceAsync(long rolloutId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rollout = await _updates.RolloutAsync(rolloutId, r =>
        {
            if (r.Status != RolloutStatus.InProgress)
            {
                throw new RolloutStateException($"Rollout {r.Id} is {Names.Of(r.Status)}; only a rollout in progress advances.");
            }

            if (r.AtLastStage)
            {
                throw new RolloutStateException($"Rollout {r.Id} is at its last stage ({r.Percent}%).");
            }

            r.Stage++;
            r.StageStartedAt = now;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (rollout is null)
        {
            return null;
        }

        await DriveAsync(rolloutId, new DriveReport(), cancellationToken).ConfigureAwait(false);
        return await storage.Rollouts.GetAsync(rolloutId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels the rollout: every execution not ended is cancelled and its offer withdrawn; null when there is no such rollout.</summary>
    /// <exception cref="RolloutStateException">The rollout ended already.</exception>
    public async Task<Rollout?> CancelAsync(long rolloutId, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rollout = await _updates.RolloutAsync(rolloutId, r =>
        {
            if (r.Status != RolloutStatus.InProgress)
            {
                throw new RolloutStateException($"Rollout {r.Id} is {Names.Of(r.Status)} already.");
            }

            r.Status = RolloutStatus.Canceled;
            r.EndedAt = now;
            r.EndReason = reason;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (rollout is null)
        {
            return null;
        }

        var report = new DriveReport();
        foreach (var execution in await AllExecutionsAsync(rolloutId, cancellationToken).ConfigureAwait(false))
        {
            await EndExecutionAsync(execution, ExecutionStatus.Canceled, $"rollout canceled: {reason}", queuedOnly: false, report, cancellationToken).ConfigureAwait(false);
        }

        return rollout;
    }

    /// <summary>One pass over every rollout in progress, and over rollouts that ended recently enough that an offer they could not withdraw may still be usable.</summary>
    public async Task<DriveReport> DriveAllAsync(CancellationToken cancellationToken)
    {
        var report = new DriveReport();
        var since = time.GetUtcNow() - options.TokenLifetime;
        foreach (var rollout in await storage.Rollouts.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (rollout.Status == RolloutStatus.InProgress || rollout.EndedAt > since)
            {
                report.Rollouts++;
                await DriveAsync(rollout.Id, report, cancellationToken).ConfigureAwait(false);
            }
        }

        return report;
    }

    /// <summary>One pass over one rollout: time-outs, abort threshold, soak-timed stages, new devices, offer renewal, leftover withdrawals, completion.</summary>
    public async Task DriveAsync(long rolloutId, DriveReport report, CancellationToken cancellationToken)
    {
        var rollout = await storage.Rollouts.GetAsync(rolloutId, cancellationToken).ConfigureAwait(false);
        if (rollout is null)
        {
            return;
        }

        var executions = await AllExecutionsAsync(rolloutId, cancellationToken).ConfigureAwait(false);
        if (rollout.Status != RolloutStatus.InProgress)
        {
            await _delivery.WithdrawLeftoversAsync(executions, report, cancellationToken).ConfigureAwait(false);
            return;
        }

        var release = await storage.Releases.GetAsync(rollout.ReleaseId, cancellationToken).ConfigureAwait(false);
        if (release is not { Status: ReleaseStatus.Ready })
        {
            await AbortAsync(rollout.Id, "its release was deleted", executions, report, cancellationToken).ConfigureAwait(false);
            return;
        }

        executions = await TimeOutAsync(executions, report, cancellationToken).ConfigureAwait(false);
        if (rollout.Abort.Reached(ExecutionCounts.Of(executions)) is { } reason)
        {
            await AbortAsync(rollout.Id, reason, executions, report, cancellationToken).ConfigureAwait(false);
            return;
        }

        rollout = await SoakAsync(rollout, cancellationToken).ConfigureAwait(false);
        var (queued, deferred) = await DispatchAsync(rollout, release, executions, report, cancellationToken).ConfigureAwait(false);
        await RenewAsync(rollout, release, executions, report, cancellationToken).ConfigureAwait(false);
        await _delivery.WithdrawLeftoversAsync(executions, report, cancellationToken).ConfigureAwait(false);
        if (rollout.AtLastStage && queued == 0 && deferred == 0 && !executions.Any(e => e.IsActive))
        {
            var now = time.GetUtcNow();
            await _updates.RolloutAsync(rollout.Id, r =>
            {
                if (r.Status != RolloutStatus.InProgress || !r.AtLastStage)
                {
                    return false;
                }

                r.Status = RolloutStatus.Completed;
                r.EndedAt = now;
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Moves the device's execution on from its OTA progress report; a failure may abort the rollout.</summary>
    public async Task ReportedAsync(string deviceId, OtaProgress progress, DateTimeOffset reportedAt, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var rollout = progress.RolloutId > 0 ? await storage.Rollouts.GetAsync(progress.RolloutId, cancellationToken).ConfigureAwait(false) : null;
        if (rollout is null)
        {
            return;
        }

        var changed = await _updates.ExecutionAsync(rollout.Id, deviceId,
            e => ExecutionProgress.Apply(e, progress, rollout.Version, reportedAt, receivedAt), cancellationToken).ConfigureAwait(false);
        if (changed is null || changed.IsActive)
        {
            return;
        }

        var report = new DriveReport();
        await _delivery.WithdrawAsync(changed, report, cancellationToken).ConfigureAwait(false);
        if (changed.Status != ExecutionStatus.Succeeded && rollout.Status == RolloutStatus.InProgress)
        {
            var executions = await AllExecutionsAsync(rollout.Id, cancellationToken).ConfigureAwait(false);
            if (rollout.Abort.Reached(ExecutionCounts.Of(executions)) is { } reason)
            {
                await AbortAsync(rollout.Id, reason, executions, report, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Every execution of the rollout, by device id.</summary>
    public async Task<List<Execution>> AllExecutionsAsync(long rolloutId, CancellationToken cancellationToken)
    {
        var all = new List<Execution>();
        while (true)
        {
            var page = await storage.Rollouts.ListExecutionsAsync(rolloutId, all.Count == 0 ? null : all[^1].DeviceId, PageSize, cancellationToken).ConfigureAwait(false);
            all.AddRange(page);
            if (page.Count < PageSize)
            {
                return all;
            }
        }
    }

    private async Task<Rollout> SoakAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (rollout.SoakTime is not { } soak || rollout.AtLastStage || now < rollout.StageStartedAt + soak)
        {
            return rollout;
        }

        var stage = rollout.Stage;
        return await _updates.RolloutAsync(rollout.Id, r =>
        {
            // Another process may have advanced it meanwhile: advance only from the stage this pass saw.
            if (r.Status != RolloutStatus.InProgress || r.Stage != stage)
            {
                return false;
            }

            r.Stage++;
            r.StageStartedAt = now;
            return true;
        }, cancellationToken).ConfigureAwait(false) ?? rollout;
    }

    private async Task<(int Queued, int Deferred)> DispatchAsync(
        Rollout rollout, Release release, List<Execution> executions, DriveReport report, CancellationToken cancellationToken)
    {
        var have = executions.Select(e => e.DeviceId).ToHashSet(StringComparer.Ordinal);
        var version = SemanticVersion.Parse(release.Version);
        int queued = 0, deferred = 0;
        await foreach (var twin in RolloutTargeting.DevicesAsync(storage.Devices, rollout.Target, cancellationToken).ConfigureAwait(false))
        {
            if (have.Contains(twin.DeviceId) || !RolloutSampling.Includes(release.Id, twin.DeviceId, rollout.Percent) || !RolloutTargeting.Wants(twin, release, version))
            {
                continue;
            }

            var now = time.GetUtcNow();
            var others = await storage.Rollouts.ListDeviceExecutionsAsync(twin.DeviceId, cancellationToken).ConfigureAwait(false);
            if (others.Any(e => e.RolloutId != rollout.Id && (e.IsActive || e.OfferExpiresAt > now)))
            {
                deferred++;
                continue;
            }

            var execution = new Execution
            {
                RolloutId = rollout.Id,
                DeviceId = twin.DeviceId,
                Status = ExecutionStatus.Queued,
                Stage = rollout.Stage,
                QueuedAt = now,
                UpdatedAt = now,
                VersionNumber = 1,
            };
            if (await storage.Rollouts.TryAddExecutionAsync(execution, cancellationToken).ConfigureAwait(false))
            {
                queued++;
                await _delivery.OfferAsync(rollout, release, execution, report, cancellationToken).ConfigureAwait(false);
            }
        }

        return (queued, deferred);
    }

    private async Task RenewAsync(Rollout rollout, Release release, List<Execution> executions, DriveReport report, CancellationToken cancellationToken)
    {
        var renewAt = time.GetUtcNow() + options.RenewBefore;
        foreach (var execution in executions.Where(e => e.IsActive && (e.OfferExpiresAt is null || e.OfferExpiresAt <= renewAt)))
        {
            await _delivery.OfferAsync(rollout, release, execution, report, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<Execution>> TimeOutAsync(List<Execution> executions, DriveReport report, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var result = new List<Execution>(executions.Count);
        foreach (var execution in executions)
        {
            if (execution is { Status: ExecutionStatus.InProgress, StartedAt: { } started } && started + options.InProgressTimeout <= now)
            {
                var ended = await EndExecutionAsync(execution, ExecutionStatus.TimedOut,
                    $"no end reported within {options.InProgressTimeout.TotalHours:0.##} h of the first progress report", queuedOnly: false, report, cancellationToken).ConfigureAwait(false);
                if (ended is not null)
                {
                    report.TimedOut++;
                    result.Add(ended);
                    continue;
                }
            }

            result.Add(execution);
        }

        return result;
    }

    private async Task AbortAsync(long rolloutId, string reason, List<Execution> executions, DriveReport report, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var aborted = await _updates.RolloutAsync(rolloutId, r =>
        {
            if (r.Status != RolloutStatus.InProgress)
            {
                return false;
            }

            r.Status = RolloutStatus.Aborted;
            r.EndedAt = now;
            r.EndReason = reason;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (aborted is not { Status: RolloutStatus.Aborted })
        {
            return;
        }

        // Devices already installing finish (stopping them half way helps no one); queued ones are not offered any more.
        foreach (var execution in executions.Where(e => e.Status == ExecutionStatus.Queued))
        {
            await EndExecutionAsync(execution, ExecutionStatus.Canceled, $"rollout aborted: {reason}", queuedOnly: true, report, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Execution?> EndExecutionAsync(
        Execution execution, ExecutionStatus status, string reason, bool queuedOnly, DriveReport report, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ended = await _updates.ExecutionAsync(execution.RolloutId, execution.DeviceId, e =>
        {
            if (!e.IsActive || (queuedOnly && e.Status != ExecutionStatus.Queued))
            {
                return null;
            }

            var next = e.Copy();
            ExecutionProgress.End(next, status, reason, now);
            return next;
        }, cancellationToken).ConfigureAwait(false);
        if (ended is not null)
        {
            await _delivery.WithdrawAsync(ended, report, cancellationToken).ConfigureAwait(false);
        }

        return ended;
    }
}
