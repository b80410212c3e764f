using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActivityDashboard.Core.Gateway;

/// <summary>
/// Probes LiteLLM at start-up and then every <see cref="GatewayHealthOptions.Interval"/> on the app's clock, and hands
/// each result to the <see cref="GatewayHealthMonitor"/>. Probes never overlap; a probe that fails in an unexpected way
/// is recorded as a failure and the loop goes on.
/// </summary>
internal sealed partial class GatewayProbeService(
    GatewayProbe probe,
    GatewayHealthMonitor monitor,
    TimeProvider timeProvider,
    ILogger<GatewayProbeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!monitor.IsMonitored)
        {
            return;
        }

        // Off the start-up path: the first probe must not hold up the host while LiteLLM is slow.
        await Task.Yield();

        using var timer = new PeriodicTimer(monitor.Options.Interval, timeProvider);
        try
        {
            do
            {
                await ProbeOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping; the loop ends quietly.
        }
    }

    private async Task ProbeOnceAsync(CancellationToken stoppingToken)
    {
        ProbeResult result;
        try
        {
            result = await probe.ProbeAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Log.ProbeCrashed(logger, ex);
            result = new ProbeResult(timeProvider.GetUtcNow(), TimeSpan.Zero, ProbeOutcome.Failure, $"the probe failed ({ex.GetType().Name})");
        }

        try
        {
            monitor.Record(result);
        }
        catch (Exception ex)
        {
            // A subscriber's fault must not stop the probing.
            Log.RecordFailed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7403, EventName = "GatewayProbeCrashed", Level = LogLevel.Error,
            Message = "The gateway probe failed unexpectedly; counted as a failed probe.")]
        public static partial void ProbeCrashed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 7404, EventName = "GatewayProbeRecordFailed", Level = LogLevel.Error,
            Message = "Recording a gateway probe result failed.")]
        public static partial void RecordFailed(ILogger logger, Exception exception);
    }
}
