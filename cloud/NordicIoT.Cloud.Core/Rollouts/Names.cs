namespace NordicIoT.Cloud.Rollouts;

/// <summary>The names statuses and steps have in the API and in messages (AWS IoT Jobs style for statuses).</summary>
public static class Names
{
    public static string Of(RolloutStatus status) => status switch
    {
        RolloutStatus.InProgress => "IN_PROGRESS",
        RolloutStatus.Completed => "COMPLETED",
        RolloutStatus.Canceled => "CANCELED",
        RolloutStatus.Aborted => "ABORTED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a rollout status"),
    };

    public static string Of(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Queued => "QUEUED",
        ExecutionStatus.InProgress => "IN_PROGRESS",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        ExecutionStatus.Canceled => "CANCELED",
        ExecutionStatus.Rejected => "REJECTED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not an execution status"),
    };

    public static string Of(ExecutionStep step) => step switch
    {
        ExecutionStep.Downloading => "downloading",
        ExecutionStep.Downloaded => "downloaded",
        ExecutionStep.Verified => "verified",
        ExecutionStep.Installing => "installing",
        ExecutionStep.Rebooting => "rebooting",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "not an execution step"),
    };

    /// <summary>Parses an execution status name; false for anything else.</summary>
    public static bool TryParse(string? name, out ExecutionStatus status)
    {
        foreach (var candidate in Enum.GetValues<ExecutionStatus>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
