namespace ActivityDashboard.Core.Gateway;

/// <summary>What the monitor knows now: whether it probes at all, the state, since when and why, and the last probe.</summary>
public sealed record GatewayHealthSnapshot(
    bool IsMonitored,
    GatewayState State,
    DateTimeOffset Since,
    string? Reason,
    ProbeResult? LastProbe)
{
    /// <summary>True when users should be told that usage data may be delayed or unavailable.</summary>
    public bool ShowsBanner => IsMonitored && State != GatewayState.Healthy;
}
