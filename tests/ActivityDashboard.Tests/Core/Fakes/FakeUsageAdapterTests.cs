using ActivityDashboard.Core.Fakes;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace ActivityDashboard.Tests.Core.Fakes;

public sealed class FakeUsageAdapterTests
{
    private const string Account = "cust_4821";

    private static readonly DateTimeOffset s_from = new(2026, 9, 18, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_to = s_from.AddHours(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(UsageSourceFailure.Unreachable, "usage_source_unreachable")]
    [InlineData(UsageSourceFailure.Timeout, "usage_source_timeout")]
    [InlineData(UsageSourceFailure.Unavailable, "usage_source_unavailable")]
    [InlineData(UsageSourceFailure.InvalidResponse, "usage_source_invalid_response")]
    [InlineData(UsageSourceFailure.Rejected, "usage_source_rejected")]
    public async Task GetUsageAsync_FailureSet_ThrowsThatFailureAndStillRecordsTheCall(UsageSourceFailure failure, string reason)
    {
        var fake = new FakeUsageAdapter(new FakeTimeProvider()) { Failure = failure };
        fake.Add(Account, [TestData.UsageEvent(at: s_from)]);

        var act = () => fake.GetUsageAsync(Account, s_from, s_to, Ct);

        var thrown = (await act.Should().ThrowAsync<UsageSourceException>()).Which;
        thrown.Failure.Should().Be(failure);
        thrown.Reason.Should().Be(reason);
        thrown.Message.Should().Contain(failure.ToString());
        fake.Calls.Should().Equal(new FakeUsageCall(Account, s_from, s_to));
    }

    [Fact]
    public async Task GetUsageAsync_FailureCleared_AnswersAgain()
    {
        var fake = new FakeUsageAdapter(new FakeTimeProvider()) { Failure = UsageSourceFailure.Unavailable };
        var call = TestData.UsageEvent(at: s_from);
        fake.Add(Account, [call]);
        await FluentActions.Awaiting(() => fake.GetUsageAsync(Account, s_from, s_to, Ct)).Should().ThrowAsync<UsageSourceException>();

        fake.Failure = null;
        var result = await fake.GetUsageAsync(Account, s_from, s_to, Ct);

        result.Should().Equal(call);
    }

    [Fact]
    public async Task GetUsageAsync_DelaySet_AnswersOnlyWhenTheFakeClockHasAdvanced()
    {
        // Arrange
        var clock = new FakeTimeProvider(s_from);
        var fake = new FakeUsageAdapter(clock) { Delay = TimeSpan.FromSeconds(5) };
        var call = TestData.UsageEvent(at: s_from);
        fake.Add(Account, [call]);

        // Act
        var pending = fake.GetUsageAsync(Account, s_from, s_to, Ct);
        clock.Advance(TimeSpan.FromSeconds(4));
        var doneEarly = pending.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(1));
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        // Assert
        doneEarly.Should().BeFalse();
        result.Should().Equal(call);
    }

    [Fact]
    public async Task GetUsageAsync_CancelledDuringDelay_ThrowsOperationCanceled()
    {
        var fake = new FakeUsageAdapter(new FakeTimeProvider()) { Delay = TimeSpan.FromMinutes(1) };
        using var caller = new CancellationTokenSource();

        var pending = fake.GetUsageAsync(Account, s_from, s_to, caller.Token);
        await caller.CancelAsync();

        await FluentActions.Awaiting(() => pending).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task GetUsageAsync_FailureAndDelay_FailsOnlyAfterTheDelay()
    {
        var clock = new FakeTimeProvider(s_from);
        var fake = new FakeUsageAdapter(clock) { Delay = TimeSpan.FromSeconds(3), Failure = UsageSourceFailure.Timeout };

        var pending = fake.GetUsageAsync(Account, s_from, s_to, Ct);
        var doneEarly = pending.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(3));

        doneEarly.Should().BeFalse();
        var thrown = await FluentActions.Awaiting(() => pending).Should().ThrowAsync<UsageSourceException>();
        thrown.Which.Failure.Should().Be(UsageSourceFailure.Timeout);
    }

    [Fact]
    public async Task Calls_SeveralReads_RecordsEachWithItsWindowInUtc()
    {
        var fake = new FakeUsageAdapter(new FakeTimeProvider());
        var kolkata = TimeSpan.FromHours(5.5);

        await fake.GetUsageAsync(Account, s_from, s_to, Ct);
        await fake.GetUsageAsync("cust_7310", s_from.ToOffset(kolkata), s_to.ToOffset(kolkata), Ct);

        fake.Calls.Should().Equal(new FakeUsageCall(Account, s_from, s_to), new FakeUsageCall("cust_7310", s_from, s_to));
        fake.Calls[1].From.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task Add_EventsWithOffsets_StoresThemInUtc()
    {
        var fake = new FakeUsageAdapter(new FakeTimeProvider());
        fake.Add(Account, [TestData.UsageEvent(at: s_from.ToOffset(TimeSpan.FromHours(-5)))]);

        var result = await fake.GetUsageAsync(Account, s_from, s_to, Ct);

        result.Should().ContainSingle().Which.StartTime.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task Add_SeveralBatchesInAndOutOfOrder_KeepsCallsSortedWithTiesInInsertionOrder()
    {
        // Arrange
        var fake = new FakeUsageAdapter(new FakeTimeProvider());
        var late = TestData.UsageEvent(at: s_from.AddMinutes(50));
        var early = TestData.UsageEvent(at: s_from.AddMinutes(5));
        var tieFirst = TestData.UsageEvent(at: s_from.AddMinutes(20));
        var tieSecond = TestData.UsageEvent(at: s_from.AddMinutes(20));
        var latest = TestData.UsageEvent(at: s_from.AddMinutes(55));

        // Act
        fake.Add(Account, [late, tieFirst]);
        fake.Add(Account, [early]);
        fake.Add(Account, [tieSecond]);
        fake.Add(Account, [latest]);
        var result = await fake.GetUsageAsync(Account, s_from, s_to, Ct);

        // Assert
        result.Should().Equal(early, tieFirst, tieSecond, late, latest);
    }

    [Fact]
    public async Task GetUsageAsync_ManyCalls_ReturnsExactlyTheWindowSlice()
    {
        var fake = new FakeUsageAdapter(new FakeTimeProvider());
        var calls = Enumerable.Range(0, 100_000).Select(i => TestData.UsageEvent(at: s_from.AddSeconds(i * 30))).ToList();
        fake.Add(Account, calls);

        var result = await fake.GetUsageAsync(Account, s_from.AddHours(5), s_from.AddHours(6), Ct);

        result.Should().Equal(calls.Skip(600).Take(120));
    }

    [Fact]
    public async Task Add_WhileOtherThreadsRead_NeverShowsAHalfAddedOrUnsortedList()
    {
        // Arrange
        var fake = new FakeUsageAdapter(new FakeTimeProvider());
        const int writers = 4;
        const int batchesPerWriter = 50;
        using var stop = new CancellationTokenSource();
        using var readersRunning = new CountdownEvent(4);

        // Act: writers add batches of 10 (in reverse time order) while readers keep reading the whole day.
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(
            async () =>
            {
                var reads = 0;
                do
                {
                    var snapshot = await fake.GetUsageAsync(Account, s_from, s_from.AddDays(1), Ct);
                    snapshot.Count.Should().Match(count => count % 10 == 0);
                    snapshot.Should().BeInAscendingOrder(e => e.StartTime);
                    if (reads++ == 0)
                    {
                        readersRunning.Signal();
                    }
                }
                while (!stop.IsCancellationRequested);

                return reads;
            },
            Ct)).ToArray();
        await Task.Run(() => readersRunning.Wait(Ct), Ct);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(
            () =>
            {
                for (var batch = 0; batch < batchesPerWriter; batch++)
                {
                    var start = s_from.AddSeconds(((writer * batchesPerWriter) + batch) * 10);
                    fake.Add(Account, Enumerable.Range(0, 10).Reverse().Select(i => TestData.UsageEvent(at: start.AddSeconds(i))).ToList());
                }
            },
            Ct)));
        await stop.CancelAsync();
        var readCounts = await Task.WhenAll(readers);

        // Assert
        var all = await fake.GetUsageAsync(Account, s_from, s_from.AddDays(1), Ct);
        all.Should().HaveCount(writers * batchesPerWriter * 10).And.BeInAscendingOrder(e => e.StartTime);
        readCounts.Should().OnlyContain(count => count > 0);
    }

    [Fact]
    public async Task GetUsageAsync_UnknownAccount_ReturnsEmpty()
    {
        var fake = new FakeUsageAdapter(new FakeTimeProvider());
        fake.Add(Account, [TestData.UsageEvent(at: s_from)]);

        var result = await fake.GetUsageAsync("cust_nobody", s_from, s_to, Ct);

        result.Should().BeEmpty();
    }
}
