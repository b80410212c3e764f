using ActivityDashboard.Core.Gateway;

namespace ActivityDashboard.Core.Alerting;

/// <summary>
/// One alert: a state change of the gateway, or a test sent from the health page (which repeats the current state as
/// both <see cref="State"/> and <see cref="PreviousState"/>). <see cref="Id"/> lets a receiver drop a repeat.
/// <see cref="IsMonitored"/> is false only for a test sent where no probe runs (demo mode, or the probe switched
/// off): its state is the monitor's starting value, not a measurement.
/// </summary>
public sealed record GatewayAlert(
    string Id,
    AlertKind Kind,
    GatewayState State,
    GatewayState PreviousState,
    DateTimeOffset Since,
    string Reason,
    DateTimeOffset CreatedAt,
    bool IsMonitored = true);

/// <summary>Why an alert was sent.</summary>
public enum AlertKind
{
    StateChange,
    Test,
}
