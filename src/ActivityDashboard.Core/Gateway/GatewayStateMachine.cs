using System.Globalization;

namespace ActivityDashboard.Core.Gateway;

/// <summary>
/// Turns probe results into the gateway state, with hysteresis: a healthy gateway becomes degraded after
/// <see cref="GatewayHealthOptions.DegradedAfterProblems"/> slow or failed probes within the window and unavailable
/// after <see cref="GatewayHealthOptions.UnavailableAfterFailures"/> failures in a row; it is healthy again only after
/// <see cref="GatewayHealthOptions.RecoverAfterSuccesses"/> fast answers in a row. Pure: no clock, no I/O; the
/// results carry their own times. Not thread-safe (the monitor serialises calls).
/// </summary>
/// <remarks>
/// Problems are counted only since the current state was entered, so a gateway that has just recovered starts with a
/// clean slate instead of being pushed straight back by the problems that made it degraded. An unavailable gateway
/// whose answers come back slow steps down to degraded, not to healthy.
/// </remarks>
public sealed class GatewayStateMachine(GatewayHealthOptions options, DateTimeOffset startedAt)
{
    private readonly Queue<DateTimeOffset> _problems = new();
    private int _failuresInRow;
    private int _fastInRow;
    private int _answersInRow;

    public GatewayState State { get; private set; } = GatewayState.Healthy;

    /// <summary>When the current state was entered (the start time for the first one).</summary>
    public DateTimeOffset Since { get; private set; } = startedAt;

    /// <summary>Why the gateway is in its current state, or null before the first change.</summary>
    public string? Reason { get; private set; }

    /// <summary>Takes one probe result (in time order) and returns the change it caused, or null.</summary>
    public GatewayStateTransition? Record(ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);

        Count(result);
        var (next, reason) = Decide(result);
        if (next == State)
        {
            return null;
        }

        var transition = new GatewayStateTransition(State, next, result.At, reason);
        State = next;
        Since = result.At;
        Reason = reason;
        _problems.Clear();

        return transition;
    }

    private void Count(ProbeResult result)
    {
        _failuresInRow = result.Outcome == ProbeOutcome.Failure ? _failuresInRow + 1 : 0;
        _fastInRow = result.Outcome == ProbeOutcome.Success ? _fastInRow + 1 : 0;
        _answersInRow = result.Outcome == ProbeOutcome.Failure ? 0 : _answersInRow + 1;

        if (result.IsProblem)
        {
            _problems.Enqueue(result.At);
        }

        while (_problems.TryPeek(out var oldest) && oldest <= result.At - options.Window)
        {
            _problems.Dequeue();
        }
    }

    private (GatewayState Next, string Reason) Decide(ProbeResult result)
    {
        var last = result.Detail is null ? string.Empty : $"; last: {result.Detail}";
        if (State != GatewayState.Unavailable && _failuresInRow >= options.UnavailableAfterFailures)
        {
            return (GatewayState.Unavailable, Invariant($"{_failuresInRow} probes in a row failed{last}"));
        }

        if (State == GatewayState.Healthy && _problems.Count >= options.DegradedAfterProblems)
        {
            return (GatewayState.Degraded, Invariant(
                $"{_problems.Count} probes within {Describe(options.Window)} were slow (over {Describe(options.SlowThreshold)}) or failed{last}"));
        }

        if (State != GatewayState.Healthy && _fastInRow >= options.RecoverAfterSuccesses)
        {
            return (GatewayState.Healthy, Invariant(
                $"{_fastInRow} probes in a row answered within {Describe(options.SlowThreshold)}"));
        }

        if (State == GatewayState.Unavailable && _answersInRow >= options.RecoverAfterSuccesses)
        {
            return (GatewayState.Degraded, Invariant(
                $"{_answersInRow} probes in a row answered, some slower than {Describe(options.SlowThreshold)}"));
        }

        return (State, Reason ?? string.Empty);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A duration as people say it: <c>5 min</c>, <c>30 s</c>, <c>250 ms</c>.</summary>
    public static string Describe(TimeSpan duration) => duration switch
    {
        { TotalMilliseconds: < 1000 } => Invariant($"{duration.TotalMilliseconds:0.###} ms"),
        { TotalSeconds: < 60 } => Invariant($"{duration.TotalSeconds:0.###} s"),
        { TotalMinutes: < 60 } => Invariant($"{duration.TotalMinutes:0.###} min"),
        _ => Invariant($"{duration.TotalHours:0.###} h"),
    };
}
