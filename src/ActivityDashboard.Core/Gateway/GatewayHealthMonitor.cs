using ActivityDashboard.Core.Alerting;
using ActivityDashboard.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Core.Gateway;

/// <summary>
/// Holds the gateway state for the whole app: takes each probe result, keeps the last hour of them in memory, runs the
/// state machine, and on every change logs it, updates the gauge and hands an alert to the webhooks. Pages subscribe
/// to <see cref="Changed"/>. Thread-safe.
/// </summary>
/// <remarks>
/// In the demo mode (no LiteLLM) or with <c>GatewayHealth:Enabled=false</c> nothing is probed: the state stays
/// healthy, <see cref="GatewayHealthSnapshot.IsMonitored"/> is false and no banner is shown.
/// </remarks>
public sealed partial class GatewayHealthMonitor
{
    private static readonly TimeSpan s_historySpan = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private readonly GatewayStateMachine _machine;
    private readonly BoundedHistory<ProbeResult> _history;
    private readonly GatewayHealthMetrics _metrics;
    private readonly AlertDispatcher _alerts;
    private readonly ILogger<GatewayHealthMonitor> _logger;
    private GatewayHealthSnapshot _current;

    public GatewayHealthMonitor(
        IOptions<GatewayHealthOptions> options,
        IOptions<UsageSourceOptions> usageSource,
        TimeProvider timeProvider,
        GatewayHealthMetrics metrics,
        AlertDispatcher alerts,
        ILogger<GatewayHealthMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(usageSource);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var settings = options.Value;
        Options = settings;
        IsMonitored = settings.Enabled && usageSource.Value.Mode == UsageSourceMode.LiteLlm;
        NotMonitoredBecause = IsMonitored
            ? null
            : usageSource.Value.Mode != UsageSourceMode.LiteLlm
                ? "the usage data is the demo data (UsageSource:Mode is Demo), so there is no LiteLLM gateway to probe"
                : "the probe is switched off (GatewayHealth:Enabled is false)";
        _machine = new GatewayStateMachine(settings, timeProvider.GetUtcNow());
        _history = new BoundedHistory<ProbeResult>((int)Math.Ceiling(s_historySpan / settings.Interval) + 1);
        _metrics = metrics;
        _alerts = alerts;
        _logger = logger;
        _current = new GatewayHealthSnapshot(IsMonitored, _machine.State, _machine.Since, _machine.Reason, null);
        if (IsMonitored)
        {
            _metrics.SetState(_machine.State);
        }
    }

    /// <summary>Raised after every probe result (on the prober's thread); handlers must not block.</summary>
    public event Action<GatewayHealthSnapshot>? Changed;

    /// <summary>How many handlers listen to <see cref="Changed"/>: open pages must let go when they close.</summary>
    internal int ListenerCount => Changed?.GetInvocationList().Length ?? 0;

    /// <summary>False in the demo mode or when the probe is switched off.</summary>
    public bool IsMonitored { get; }

    /// <summary>Which of the two keeps the gateway unmonitored, as a clause for the health page; null while monitored.</summary>
    public string? NotMonitoredBecause { get; }

    public GatewayHealthOptions Options { get; }

    public GatewayHealthSnapshot Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>The probe results of about the last hour, oldest first.</summary>
    public IReadOnlyList<ProbeResult> RecentProbes()
    {
        lock (_lock)
        {
            return _history.ToArray();
        }
    }

    /// <summary>Takes one probe result; returns the state change it caused, or null.</summary>
    public GatewayStateTransition? Record(ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);

        GatewayStateTransition? transition;
        GatewayHealthSnapshot snapshot;
        lock (_lock)
        {
            _history.Add(result);
            transition = _machine.Record(result);
            snapshot = _current = new GatewayHealthSnapshot(IsMonitored, _machine.State, _machine.Since, _machine.Reason, result);
        }

        _metrics.RecordProbe(result);
        Log.ProbeRecorded(_logger, result.Outcome, (long)result.Duration.TotalMilliseconds, result.Detail);
        if (transition is not null)
        {
            _metrics.SetState(transition.To);
            if (transition.To == GatewayState.Healthy)
            {
                Log.Recovered(_logger, transition.From, transition.To, transition.At, transition.Reason);
            }
            else
            {
                Log.StateChanged(_logger, transition.From, transition.To, transition.At, transition.Reason);
            }

            _alerts.SendStateChange(transition);
        }

        Changed?.Invoke(snapshot);

        return transition;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7400, EventName = "GatewayStateChanged", Level = LogLevel.Warning,
            Message = "Gateway state changed from {PreviousState} to {State} at {Since:o}: {Reason}.")]
        public static partial void StateChanged(
            ILogger logger,
            GatewayState previousState,
            GatewayState state,
            DateTimeOffset since,
            string reason);

        [LoggerMessage(EventId = 7401, EventName = "GatewayRecovered", Level = LogLevel.Information,
            Message = "Gateway state changed from {PreviousState} to {State} at {Since:o}: {Reason}.")]
        public static partial void Recovered(
            ILogger logger,
            GatewayState previousState,
            GatewayState state,
            DateTimeOffset since,
            string reason);

        [LoggerMessage(EventId = 7402, EventName = "GatewayProbed", Level = LogLevel.Debug,
            Message = "Gateway probe: {Outcome} in {ElapsedMilliseconds} ms ({Detail}).")]
        public static partial void ProbeRecorded(ILogger logger, ProbeOutcome outcome, long elapsedMilliseconds, string? detail);
    }
}
