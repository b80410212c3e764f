using ActivityDashboard.Core.Gateway;

namespace ActivityDashboard.Tests.Core.Gateway;

public sealed class GatewayStateMachineTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 15, 9, 59, 59, TimeSpan.Zero);
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(30);

    // Defaults: degraded after 2 problems in 5 min, unavailable after 3 failures in a row, healthy after 3 fast answers.
    private readonly GatewayHealthOptions _options = new();
    private int _probes;

    [Theory]
    [InlineData(ProbeOutcome.Slow)]
    [InlineData(ProbeOutcome.Failure)]
    public void Record_OneBlip_StaysHealthy(ProbeOutcome blip)
    {
        var machine = NewMachine();

        var transitions = Feed(machine, ProbeOutcome.Success, blip, ProbeOutcome.Success, ProbeOutcome.Success);

        transitions.Should().BeEmpty();
        machine.State.Should().Be(GatewayState.Healthy);
        machine.Since.Should().Be(s_start);
    }

    [Fact]
    public void Record_TwoProblemsWithinWindow_BecomesDegradedAtTheSecond()
    {
        var machine = NewMachine();

        var transitions = Feed(machine, ProbeOutcome.Slow, ProbeOutcome.Success, ProbeOutcome.Failure);

        var transition = transitions.Should().ContainSingle().Subject;
        transition.From.Should().Be(GatewayState.Healthy);
        transition.To.Should().Be(GatewayState.Degraded);
        transition.At.Should().Be(At(3));
        transition.Reason.Should().Be("2 probes within 5 min were slow (over 2 s) or failed; last: failed-detail");
        machine.Since.Should().Be(At(3));
    }

    [Fact]
    public void Record_ProblemsFurtherApartThanWindow_StaysHealthy()
    {
        var machine = NewMachine();
        Feed(machine, ProbeOutcome.Slow);

        // Ten fast probes: the slow one is five minutes old when the next problem comes.
        var transitions = Feed(machine, [.. Enumerable.Repeat(ProbeOutcome.Success, 9), ProbeOutcome.Slow]);

        transitions.Should().BeEmpty();
        machine.State.Should().Be(GatewayState.Healthy);
    }

    [Fact]
    public void Record_FailuresInRow_GoesDegradedThenUnavailable()
    {
        var machine = NewMachine();

        var transitions = Feed(machine, ProbeOutcome.Failure, ProbeOutcome.Failure, ProbeOutcome.Failure);

        transitions.Select(t => (t.From, t.To)).Should().Equal(
            (GatewayState.Healthy, GatewayState.Degraded),
            (GatewayState.Degraded, GatewayState.Unavailable));
        transitions[1].Reason.Should().Be("3 probes in a row failed; last: failed-detail");
        transitions[1].At.Should().Be(At(3));
    }

    [Fact]
    public void Record_DegradedThenOneFastAnswer_StaysDegraded()
    {
        var machine = NewMachine();
        Feed(machine, ProbeOutcome.Slow, ProbeOutcome.Slow);

        var transitions = Feed(machine, ProbeOutcome.Success, ProbeOutcome.Slow, ProbeOutcome.Success, ProbeOutcome.Success);

        transitions.Should().BeEmpty("a fast answer between slow ones is a blip, not a recovery");
        machine.State.Should().Be(GatewayState.Degraded);
    }

    [Fact]
    public void Record_DegradedThenFastAnswersInRow_RecoversAtTheThird()
    {
        var machine = NewMachine();
        Feed(machine, ProbeOutcome.Slow, ProbeOutcome.Slow);

        var transitions = Feed(machine, ProbeOutcome.Success, ProbeOutcome.Success, ProbeOutcome.Success);

        var transition = transitions.Should().ContainSingle().Subject;
        (transition.From, transition.To).Should().Be((GatewayState.Degraded, GatewayState.Healthy));
        transition.At.Should().Be(At(5));
        transition.Reason.Should().Be("3 probes in a row answered within 2 s");
    }

    [Fact]
    public void Record_UnavailableThenOneSuccess_StaysUnavailable()
    {
        var machine = NewMachine();
        Feed(machine, ProbeOutcome.Failure, ProbeOutcome.Failure, ProbeOutcome.Failure);

        var transitions = Feed(machine, ProbeOutcome.Success, ProbeOutcome.Failure, ProbeOutcome.Success, ProbeOutcome.Success);

        transitions.Should().BeEmpty();
        machine.State.Should().Be(GatewayState.Unavailable);
    }

    [Fact]
    public void Record_UnavailableThenFastAnswers_GoesStraightToHealthy()
    {
        var machine = NewMachine();
        Feed(machine, ProbeOutcome.Failure, ProbeOutcome.Failure, ProbeOutcome.Failure);

        var transitions = Feed(machine, ProbeOutcome.Success, ProbeOutcome.Success, ProbeOutcome.Success);

        transitions.Select(t => (t.From, t.To)).Should().Equal((GatewayState.Unavailable, GatewayState.Healthy));
    }

    [Fact]
    public void Record_UnavailableThenSlowAnswers_StepsDownToDegraded()
    {
        var machine = NewMachine();
        Feed(machine, ProbeOutcome.Failure, ProbeOutcome.Failure, ProbeOutcome.Failure);

        var transitions = Feed(machine, ProbeOutcome.Slow, ProbeOutcome.Success, ProbeOutcome.Slow);

        transitions.Select(t => (t.From, t.To)).Should().Equal((GatewayState.Unavailable, GatewayState.Degraded));
        transitions[0].Reason.Should().Be("3 probes in a row answered, some slower than 2 s");
    }

    [Fact]
    public void Record_JustRecovered_ProblemsBeforeRecoveryDoNotCount()
    {
        var machine = NewMachine();
        Feed(machine, ProbeOutcome.Slow, ProbeOutcome.Slow, ProbeOutcome.Success, ProbeOutcome.Success, ProbeOutcome.Success);
        machine.State.Should().Be(GatewayState.Healthy);

        var transitions = Feed(machine, ProbeOutcome.Slow);

        transitions.Should().BeEmpty("the slow probes that made it degraded are within the window but before the recovery");
    }

    [Fact]
    public void Record_ConfiguredCounts_AreHonoured()
    {
        _options.DegradedAfterProblems = 4;
        _options.UnavailableAfterFailures = 5;
        var machine = NewMachine();

        var states = new List<GatewayState>();
        foreach (var outcome in Enumerable.Repeat(ProbeOutcome.Failure, 5))
        {
            Feed(machine, outcome);
            states.Add(machine.State);
        }

        states.Should().Equal(
            GatewayState.Healthy,
            GatewayState.Healthy,
            GatewayState.Healthy,
            GatewayState.Degraded,
            GatewayState.Unavailable);
    }

    private GatewayStateMachine NewMachine() => new(_options, s_start);

    private static DateTimeOffset At(int probe) => s_start + (s_interval * probe);

    private List<GatewayStateTransition> Feed(GatewayStateMachine machine, params ProbeOutcome[] outcomes)
    {
        var transitions = new List<GatewayStateTransition>();
        foreach (var outcome in outcomes)
        {
            _probes++;
            var result = outcome switch
            {
                ProbeOutcome.Success => new ProbeResult(At(_probes), TimeSpan.FromMilliseconds(40), outcome),
                ProbeOutcome.Slow => new ProbeResult(At(_probes), TimeSpan.FromSeconds(3), outcome, "slow-detail"),
                _ => new ProbeResult(At(_probes), TimeSpan.FromSeconds(1), outcome, "failed-detail"),
            };
            if (machine.Record(result) is { } transition)
            {
                transitions.Add(transition);
            }
        }

        return transitions;
    }
}
