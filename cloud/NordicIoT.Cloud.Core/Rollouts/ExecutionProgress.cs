using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Rollouts;

/// <summary>How a device's OTA progress report (state key 11) moves its execution: steps keep it IN_PROGRESS, succeeded/failed/rejected end it; an ended execution never changes again.</summary>
public static class ExecutionProgress
{
    /// <summary>The execution after the report, as a new copy; null when the report changes nothing (execution ended, report older than the last applied, or the same as it).</summary>
    /// <param name="releaseVersion">The rollout's version: a success reported with another version counts as a failure.</param>
    /// <param name="reportedAt">The report's device time.</param>
    /// <param name="now">Receive time, for the execution's timestamps.</param>
    public static Execution? Apply(Execution current, OtaProgress progress, string releaseVersion, DateTimeOffset reportedAt, DateTimeOffset now)
    {
        if (!current.IsActive || (current.ReportedAt is { } last && reportedAt < last))
        {
            return null;
        }

        var next = current.Copy();
        next.ReportedAt = reportedAt;
        switch (progress.Status)
        {
            case OtaStatus.Succeeded when progress.Version is { } version && version != releaseVersion:
                End(next, ExecutionStatus.Failed, $"the device reported success but runs {version}, not {releaseVersion}", now);
                break;
            case OtaStatus.Succeeded:
                End(next, ExecutionStatus.Succeeded, null, now);
                break;
            case OtaStatus.Failed:
                End(next, ExecutionStatus.Failed, progress.Reason ?? "the device reported a failure without a reason", now);
                break;
            case OtaStatus.Rejected:
                End(next, ExecutionStatus.Rejected, progress.Reason ?? "the device rejected the offer without a reason", now);
                break;
            default:
                next.Status = ExecutionStatus.InProgress;
                next.Step = (ExecutionStep)(int)progress.Status;
                next.Percent = progress.Percent >= 0 ? progress.Percent : null;
                next.StartedAt ??= now;
                break;
        }

        if (SameState(current, next))
        {
            return null;
        }

        next.UpdatedAt = now;
        return next;
    }

    /// <summary>Ends <paramref name="execution"/> (a copy being changed) with <paramref name="status"/>.</summary>
    public static void End(Execution execution, ExecutionStatus status, string? reason, DateTimeOffset now)
    {
        execution.Status = status;
        execution.Step = null;
        execution.Reason = reason;
        execution.StartedAt ??= status == ExecutionStatus.Canceled ? null : now;
        execution.EndedAt = now;
        execution.UpdatedAt = now;
    }

    private static bool SameState(Execution a, Execution b) =>
        a.Status == b.Status && a.Step == b.Step && a.Percent == b.Percent && a.Reason == b.Reason;
}
