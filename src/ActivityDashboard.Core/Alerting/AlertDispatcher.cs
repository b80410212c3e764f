using System.Threading.Channels;
using ActivityDashboard.Core.Gateway;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Core.Alerting;

/// <summary>
/// Where alerts are handed in: records each in the <see cref="AlertLog"/> and queues it for every webhook, one queue
/// per webhook, so a slow or dead receiver holds up neither the probe nor the other receivers. The
/// <c>AlertDeliveryService</c> empties the queues. Thread-safe and never blocks.
/// </summary>
public sealed class AlertDispatcher
{
    private readonly Channel<GatewayAlert>[] _queues;
    private readonly TimeProvider _timeProvider;

    public AlertDispatcher(IOptions<AlertingOptions> options, AlertLog log, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);

        Webhooks = options.Value.Webhooks;
        Log = log;
        _timeProvider = timeProvider;
        _queues = [.. Webhooks.Select(_ => Channel.CreateUnbounded<GatewayAlert>(new UnboundedChannelOptions { SingleReader = true }))];
    }

    public IReadOnlyList<WebhookOptions> Webhooks { get; }

    public AlertLog Log { get; }

    public GatewayAlert SendStateChange(GatewayStateTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);

        return Send(AlertKind.StateChange, transition.To, transition.From, transition.At, transition.Reason);
    }

    /// <summary>
    /// A test alert carrying the current state, so a receiver's formatting can be checked without an outage. Where
    /// nothing is probed the alert says so, in <see cref="GatewayAlert.IsMonitored"/> and in its reason, rather than
    /// pass the monitor's starting state off as a measured "Healthy".
    /// </summary>
    public GatewayAlert SendTest(GatewayHealthSnapshot current, string requestedBy)
    {
        ArgumentNullException.ThrowIfNull(current);

        var reason = $"Test alert sent by {requestedBy} from the gateway health page";
        if (!current.IsMonitored)
        {
            reason += "; the gateway is not monitored here (no probe runs), so its state is not measured";
        }

        return Send(AlertKind.Test, current.State, current.State, current.Since, reason, current.IsMonitored);
    }

    internal ChannelReader<GatewayAlert> Queue(int webhookIndex) => _queues[webhookIndex].Reader;

    private GatewayAlert Send(
        AlertKind kind,
        GatewayState state,
        GatewayState previousState,
        DateTimeOffset since,
        string reason,
        bool isMonitored = true)
    {
        var alert = new GatewayAlert(
            "alert-" + Guid.NewGuid().ToString("N"),
            kind,
            state,
            previousState,
            since,
            reason,
            _timeProvider.GetUtcNow(),
            isMonitored);
        Log.Add(alert);
        foreach (var queue in _queues)
        {
            // Unbounded, so this always succeeds at once.
            queue.Writer.TryWrite(alert);
        }

        return alert;
    }
}
