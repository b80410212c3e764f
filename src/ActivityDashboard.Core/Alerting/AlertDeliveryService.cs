using ActivityDashboard.Core.Gateway;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Core.Alerting;

/// <summary>
/// Delivers queued alerts: one loop per webhook, alerts in the order they were raised, each retried by the webhook
/// client's pipeline; the outcome goes to the <see cref="AlertLog"/>, the log and the delivery counter.
/// </summary>
internal sealed partial class AlertDeliveryService(
    AlertDispatcher dispatcher,
    WebhookSender sender,
    GatewayHealthMetrics metrics,
    IOptions<AlertingOptions> options,
    TimeProvider timeProvider,
    ILogger<AlertDeliveryService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(dispatcher.Webhooks.Select((webhook, index) => DeliverAllAsync(webhook, index, stoppingToken)));

    private async Task DeliverAllAsync(WebhookOptions webhook, int index, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var alert in dispatcher.Queue(index).ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(webhook, alert, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping; undelivered alerts are dropped with the process (the log says they were pending).
        }
    }

    private async Task DeliverAsync(WebhookOptions webhook, GatewayAlert alert, CancellationToken stoppingToken)
    {
        var body = AlertBody.Write(alert, options.Value.PublicBaseUrl);
        string? error;
        try
        {
            error = await sender.SendAsync(webhook, body, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            error = $"the delivery failed ({ex.GetType().Name})";
        }

        var at = timeProvider.GetUtcNow();
        metrics.RecordDelivery(delivered: error is null);
        if (error is null)
        {
            dispatcher.Log.MarkDelivered(alert.Id, webhook.DisplayName, at);
            Log.Delivered(logger, alert.Id, alert.Kind, alert.State, webhook.DisplayName);
        }
        else
        {
            dispatcher.Log.MarkFailed(alert.Id, webhook.DisplayName, at, error);
            Log.Failed(logger, alert.Id, alert.Kind, alert.State, webhook.DisplayName, options.Value.MaxAttempts, error);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7450, EventName = "AlertDelivered", Level = LogLevel.Information,
            Message = "Alert {AlertId} ({Kind}, {State}) delivered to webhook {Webhook}.")]
        public static partial void Delivered(ILogger logger, string alertId, AlertKind kind, GatewayState state, string webhook);

        [LoggerMessage(EventId = 7451, EventName = "AlertDeliveryFailed", Level = LogLevel.Warning,
            Message = "Alert {AlertId} ({Kind}, {State}) could not be delivered to webhook {Webhook} (up to {MaxAttempts} attempts): {Error}.")]
        public static partial void Failed(
            ILogger logger,
            string alertId,
            AlertKind kind,
            GatewayState state,
            string webhook,
            int maxAttempts,
            string error);
    }
}
