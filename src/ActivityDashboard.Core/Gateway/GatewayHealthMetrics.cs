using System.Diagnostics.Metrics;

namespace ActivityDashboard.Core.Gateway;

/// <summary>
/// The instruments of the meter <c>ActivityDashboard.GatewayHealth</c>: the state gauge, the probe-duration histogram
/// and the alert-delivery counter. Alert rules are written against these names; keep them stable.
/// </summary>
public sealed class GatewayHealthMetrics
{
    public const string MeterName = "ActivityDashboard.GatewayHealth";

    private readonly Histogram<double> _probeDuration;
    private readonly Counter<long> _alertDeliveries;
    // No state until the monitor reports one: an unmonitored gateway (demo mode, or the probe turned off) has no state
    // gauge at all, rather than a 0 that reads as Healthy.
    private const int NotMonitored = -1;

    private int _state = NotMonitored;

    public GatewayHealthMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);

        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(
            "activitydashboard.gateway.state",
            ObserveState,
            description: "The gateway state: 0 Healthy, 1 Degraded, 2 Unavailable; absent while nothing probes it.");
        _probeDuration = meter.CreateHistogram<double>(
            "activitydashboard.gateway.probe.duration",
            unit: "s",
            description: "How long one probe of LiteLLM's spend-log API took, by outcome (success, slow, failure).");
        _alertDeliveries = meter.CreateCounter<long>(
            "activitydashboard.alert.deliveries",
            description: "Alerts handed to a webhook, by outcome (delivered, or failed after every retry).");
    }

    public void SetState(GatewayState state) => Volatile.Write(ref _state, (int)state);

    private IEnumerable<Measurement<int>> ObserveState()
    {
        var state = Volatile.Read(ref _state);

        return state == NotMonitored ? [] : [new Measurement<int>(state)];
    }

    public void RecordProbe(ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);

        _probeDuration.Record(result.Duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", OutcomeTag(result.Outcome)));
    }

    public void RecordDelivery(bool delivered) =>
        _alertDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", delivered ? "delivered" : "failed"));

    private static string OutcomeTag(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Success => "success",
        ProbeOutcome.Slow => "slow",
        _ => "failure",
    };
}
