namespace NordicIoT.Cloud.Rollouts;

/// <summary>How many of a rollout's executions are in each status.</summary>
public sealed record ExecutionCounts(int Queued, int InProgress, int Succeeded, int Failed, int TimedOut, int Canceled, int Rejected)
{
    /// <summary>Failures for the abort threshold: failed, timed out and rejected.</summary>
    public int Failures => Failed + TimedOut + Rejected;

    /// <summary>Executions that ended in success or failure (cancelled ones are neither).</summary>
    public int Ended => Succeeded + Failures;

    /// <summary>Executions not ended yet.</summary>
    public int Active => Queued + InProgress;

    /// <summary>All executions.</summary>
    public int Total => Active + Ended + Canceled;

    /// <summary>Counts the statuses of <paramref name="executions"/>.</summary>
    public static ExecutionCounts Of(IEnumerable<Execution> executions)
    {
        var n = new int[7];
        foreach (var execution in executions)
        {
            n[(int)execution.Status]++;
        }

        return new ExecutionCounts(n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
    }
}
