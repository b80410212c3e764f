namespace ActivityDashboard.Core.Gateway;

/// <summary>A change of the gateway state, at the time of the probe that caused it, with a sentence saying why.</summary>
public sealed record GatewayStateTransition(GatewayState From, GatewayState To, DateTimeOffset At, string Reason);
