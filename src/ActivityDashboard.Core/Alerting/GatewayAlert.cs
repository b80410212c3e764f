using ActivityDashboard.Core.Gateway;

namespace ActivityDashboard.Core.Alerting;

/// <summary>
/// One alert: a state change of the gateway, or a test sent from the health page (which repeats the current state as
/// both <see cref="State"/> and <see cref="PreviousState"/>). <see cref="Id"/> lets a receiver drop a repeat.
/// </summary>
public sealed record GatewayAlert(
    string Id,
    AlertKind Kind,
    GatewayState State,
    GatewayState PreviousState,
    DateTimeOffset Since,
    string Reason,
    DateTimeOffset CreatedAt);

/// <summary>Why an alert was sent.</summary>
public enum AlertKind
{
    StateChange,
    Test,
}
