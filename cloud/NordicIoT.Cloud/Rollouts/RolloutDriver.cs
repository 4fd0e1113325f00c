using Microsoft.Extensions.Options;

namespace NordicIoT.Cloud.Rollouts;

/// <summary>Drives every rollout on a timer (soak-timed stages, time-outs, abort thresholds, offer renewal). Stateless: everything is in storage, so several processes may each run one.</summary>
public sealed partial class RolloutDriver(RolloutRunner runner, IOptions<RolloutOptions> options, TimeProvider time, ILogger<RolloutDriver> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DriverEnabled)
        {
            LogDisabled();
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var report = await runner.DriveAllAsync(stoppingToken).ConfigureAwait(false);
                if (report.Offered + report.Withdrawn + report.TimedOut > 0)
                {
                    LogPass(report.Rollouts, report.Offered, report.Withdrawn, report.TimedOut);
                }

                if (report.DeliveryFailures > 0)
                {
                    LogDeliveryFailures(report.DeliveryFailures, report.LastDeliveryError);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Top-level policy of a background loop: log and try again on the next pass; never end the service.
                LogPassFailed(e);
            }

            try
            {
                await Task.Delay(settings.DriverInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Rollout driver disabled in this process (Rollouts:DriverEnabled=false).")]
    private partial void LogDisabled();

    [LoggerMessage(LogLevel.Information, "Rollout pass over {Rollouts} rollout(s): {Offered} offer(s) published, {Withdrawn} withdrawn, {TimedOut} execution(s) timed out.")]
    private partial void LogPass(int rollouts, int offered, int withdrawn, int timedOut);

    [LoggerMessage(LogLevel.Warning, "{Failures} offer(s) could not be delivered ({Error}); the next pass tries again.")]
    private partial void LogDeliveryFailures(int failures, string? error);

    [LoggerMessage(LogLevel.Error, "A rollout pass failed; trying again on the next pass.")]
    private partial void LogPassFailed(Exception exception);
}
