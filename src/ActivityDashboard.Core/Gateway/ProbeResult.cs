namespace ActivityDashboard.Core.Gateway;

/// <summary>One probe: when it started (app clock), how long it took (elapsed real time), how it went and, unless it succeeded, why.</summary>
public sealed record ProbeResult(DateTimeOffset At, TimeSpan Duration, ProbeOutcome Outcome, string? Detail = null)
{
    /// <summary>Slow or failed.</summary>
    public bool IsProblem => Outcome != ProbeOutcome.Success;
}
