using System.Globalization;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Tests.Shared;

namespace ActivityDashboard.Tests.Core.Ports;

/// <summary>
/// The contract of <see cref="IActivityUsagePort"/>, run unchanged against every implementation: the fake used by
/// service tests and the demo must behave exactly like the real LiteLLM adapter.
/// </summary>
public abstract class UsagePortContractTests
{
    protected const string Account = "cust_4821";
    protected const string OtherAccount = "cust_7310";

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A port whose source holds exactly these calls.</summary>
    protected abstract Task<IActivityUsagePort> CreatePortAsync(IReadOnlyList<(string AccountId, UsageEvent Event)> calls);

    /// <summary>A port whose source fails in the given way.</summary>
    protected abstract Task<IActivityUsagePort> CreateFailingPortAsync(UsageSourceFailure failure);

    /// <summary>A port whose source takes far longer to answer than any test waits.</summary>
    protected abstract Task<IActivityUsagePort> CreateSlowPortAsync();

    [Fact]
    public async Task GetUsageAsync_CallsOnWindowEdges_IncludesFromAndExcludesTo()
    {
        var from = At("2026-11-07T10:00:00Z");
        var to = At("2026-11-07T11:00:00Z");
        var before = TestData.UsageEvent(at: from.AddMilliseconds(-1));
        var atFrom = TestData.UsageEvent(at: from);
        var lastMillisecond = TestData.UsageEvent(at: to.AddMilliseconds(-1));
        var atTo = TestData.UsageEvent(at: to);
        var port = await CreatePortAsync([(Account, before), (Account, atFrom), (Account, lastMillisecond), (Account, atTo)]);

        var result = await port.GetUsageAsync(Account, from, to, Ct);

        result.Should().Equal(atFrom, lastMillisecond);
    }

    [Fact]
    public async Task GetUsageAsync_WindowWithSubSecondEdges_CutsExactlyAtThem()
    {
        var from = At("2026-11-07T10:00:00.500Z");
        var to = At("2026-11-07T10:00:01.250Z");
        var early = TestData.UsageEvent(at: At("2026-11-07T10:00:00.499Z"));
        var first = TestData.UsageEvent(at: from);
        var last = TestData.UsageEvent(at: At("2026-11-07T10:00:01.249Z"));
        var late = TestData.UsageEvent(at: to);
        var port = await CreatePortAsync([(Account, early), (Account, first), (Account, last), (Account, late)]);

        var result = await port.GetUsageAsync(Account, from, to, Ct);

        result.Should().Equal(first, last);
    }

    [Fact]
    public async Task GetUsageAsync_MultiDayRange_KeepsTheLastDayAndTheSubSecondEdge()
    {
        // Arrange: a date-only end bound read as midnight used to drop the whole last day.
        var r1 = TestData.UsageEvent(callId: "r1", at: At("2026-09-06T10:00:00Z"), spend: 0.50m);
        var r2 = TestData.UsageEvent(callId: "r2", at: At("2026-09-07T23:59:59.900Z"), spend: 1.25m);
        var r3 = TestData.UsageEvent(callId: "r3", at: At("2026-09-08T00:00:00Z"), spend: 2.00m);
        var r4 = TestData.UsageEvent(callId: "r4", at: At("2026-09-08T18:30:00Z"), spend: 0.75m);
        var r5 = TestData.UsageEvent(callId: "r5", at: At("2026-09-09T00:00:00Z"), spend: 9.99m);
        var port = await CreatePortAsync([(Account, r1), (Account, r2), (Account, r3), (Account, r4), (Account, r5)]);

        // Act
        var range = await port.GetUsageAsync(Account, At("2026-09-06T00:00:00Z"), At("2026-09-09T00:00:00Z"), Ct);
        var lastDay = await port.GetUsageAsync(Account, At("2026-09-08T00:00:00Z"), At("2026-09-09T00:00:00Z"), Ct);

        // Assert
        range.Should().Equal(r1, r2, r3, r4);
        range.Sum(e => e.ProviderCost).Should().Be(4.50m);
        lastDay.Should().Equal(r3, r4);
        lastDay.Sum(e => e.ProviderCost).Should().Be(2.75m);
    }

    [Fact]
    public async Task GetUsageAsync_OtherAccountsCalls_AreExcluded()
    {
        var mine = TestData.UsageEvent();
        var theirs = TestData.UsageEvent();
        var port = await CreatePortAsync([(Account, mine), (OtherAccount, theirs)]);

        var result = await port.GetUsageAsync(Account, mine.StartTime.AddHours(-1), mine.StartTime.AddHours(1), Ct);

        result.Should().Equal(mine);
    }

    [Fact]
    public async Task GetUsageAsync_RepeatedNonEmptyId_ReturnsTheEarliestOnce()
    {
        var first = TestData.UsageEvent(callId: "chatcmpl-dup", at: At("2026-11-07T10:05:00Z"), spend: 0.10m);
        var repeat = TestData.UsageEvent(callId: "chatcmpl-dup", at: At("2026-11-07T10:40:00Z"), spend: 0.99m);
        var other = TestData.UsageEvent(callId: "chatcmpl-other", at: At("2026-11-07T10:20:00Z"));
        var port = await CreatePortAsync([(Account, repeat), (Account, first), (Account, other)]);

        var result = await port.GetUsageAsync(Account, At("2026-11-07T10:00:00Z"), At("2026-11-07T11:00:00Z"), Ct);

        result.Should().Equal(first, other);
    }

    [Fact]
    public async Task GetUsageAsync_EmptyIds_AreSeparateCalls()
    {
        var c111 = TestData.UsageEvent(callId: "chatcmpl-111", at: At("2026-11-07T10:05:00Z"), spend: 0.10m);
        var empty1 = TestData.UsageEvent(callId: string.Empty, at: At("2026-11-07T10:10:00Z"), spend: 0.20m);
        var empty2 = TestData.UsageEvent(callId: string.Empty, at: At("2026-11-07T10:15:00Z"), spend: 0.30m);
        var c444 = TestData.UsageEvent(callId: "chatcmpl-444", at: At("2026-11-07T10:20:00Z"), spend: 0.0m);
        var port = await CreatePortAsync([(Account, c111), (Account, empty1), (Account, empty2), (Account, c444)]);

        var result = await port.GetUsageAsync(Account, At("2026-11-07T10:00:00Z"), At("2026-11-07T11:00:00Z"), Ct);

        result.Should().Equal(c111, empty1, empty2, c444);
    }

    [Fact]
    public async Task GetUsageAsync_CallsAddedOutOfOrder_ReturnsThemByStartTime()
    {
        var calls = Enumerable.Range(0, 9)
            .Select(i => TestData.UsageEvent(at: At("2026-11-07T10:00:00Z").AddMinutes((i * 7) % 9)))
            .ToList();
        var port = await CreatePortAsync([.. calls.Select(c => (Account, c))]);

        var result = await port.GetUsageAsync(Account, At("2026-11-07T10:00:00Z"), At("2026-11-07T11:00:00Z"), Ct);

        result.Should().HaveCount(9).And.BeInAscendingOrder(e => e.StartTime);
        result.Should().BeEquivalentTo(calls);
    }

    [Fact]
    public async Task GetUsageAsync_WindowGivenWithOffsets_ReadsTheSameInstantsAndReturnsUtc()
    {
        var call = TestData.UsageEvent(at: At("2026-06-01T19:00:00Z"));
        var port = await CreatePortAsync([(Account, call)]);
        var kolkata = TimeSpan.FromHours(5.5);

        var result = await port.GetUsageAsync(
            Account,
            new DateTimeOffset(2026, 6, 2, 0, 0, 0, kolkata),
            new DateTimeOffset(2026, 6, 3, 0, 0, 0, kolkata),
            Ct);

        result.Should().Equal(call);
        result[0].StartTime.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task GetUsageAsync_NoCalls_ReturnsEmpty()
    {
        var port = await CreatePortAsync([]);

        var result = await port.GetUsageAsync(Account, At("2026-06-05T09:00:00Z"), At("2026-06-05T10:00:00Z"), Ct);

        result.Should().BeEmpty();
    }

    [Theory]
    [InlineData(UsageSourceFailure.Unreachable)]
    [InlineData(UsageSourceFailure.Timeout)]
    [InlineData(UsageSourceFailure.Unavailable)]
    [InlineData(UsageSourceFailure.InvalidResponse)]
    [InlineData(UsageSourceFailure.Rejected)]
    public async Task GetUsageAsync_SourceFails_ThrowsUsageSourceExceptionOfThatKind(UsageSourceFailure failure)
    {
        var port = await CreateFailingPortAsync(failure);

        var act = () => port.GetUsageAsync(Account, At("2026-06-05T09:00:00Z"), At("2026-06-05T10:00:00Z"), Ct);

        var thrown = await act.Should().ThrowAsync<UsageSourceException>();
        thrown.Which.Failure.Should().Be(failure);
        thrown.Which.Message.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task GetUsageAsync_CallerCancels_ThrowsOperationCanceled()
    {
        var port = await CreateSlowPortAsync();
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        caller.CancelAfter(TimeSpan.FromMilliseconds(200));

        var act = () => port.GetUsageAsync(Account, At("2026-06-05T09:00:00Z"), At("2026-06-05T10:00:00Z"), caller.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task GetUsageAsync_EndNotAfterStart_ThrowsArgumentOutOfRange()
    {
        var port = await CreatePortAsync([]);

        var act = () => port.GetUsageAsync(Account, At("2026-06-05T10:00:00Z"), At("2026-06-05T10:00:00Z"), Ct);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task GetUsageAsync_EmptyAccount_ThrowsArgumentException()
    {
        var port = await CreatePortAsync([]);

        var act = () => port.GetUsageAsync(" ", At("2026-06-05T09:00:00Z"), At("2026-06-05T10:00:00Z"), Ct);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    protected static DateTimeOffset At(string isoInstant) =>
        DateTimeOffset.Parse(isoInstant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
