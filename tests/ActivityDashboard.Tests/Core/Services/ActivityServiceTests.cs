using System.Collections.Concurrent;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Core.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static ActivityDashboard.Tests.Core.Services.ActivityTestData;

namespace ActivityDashboard.Tests.Core.Services;

public sealed class ActivityServiceTests
{
    // Only a guard against a hung test; the doubles never wait on the clock.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetActivityAsync_OneQuery_ReadsEachSourceOnceOverTheWidenedWindows()
    {
        var port = new RecordingUsagePort([]);
        var store = new RecordingReceiptStore([]);
        var service = CreateService(port, store);
        var query = Query("2026-08-06T14:00:00Z", "2026-08-06T15:00:00Z", BucketStep.FiveMinutes);

        await service.GetActivityAsync(query, TestContext.Current.CancellationToken);

        port.Reads.Should().Equal(new Read("acct-1", At("2026-08-06T12:45:00Z"), At("2026-08-06T15:00:00Z")));
        store.Reads.Should().Equal(new Read("acct-1", At("2026-08-06T12:45:00Z"), At("2026-08-06T15:15:00Z")));
    }

    [Fact]
    public async Task GetActivityAsync_ConfiguredGrace_WidensByThatGrace()
    {
        var port = new RecordingUsagePort([]);
        var store = new RecordingReceiptStore([]);
        var service = CreateService(port, store, new BillingOptions { JoinGrace = TimeSpan.FromMinutes(5) });
        var query = Query("2026-08-06T00:00:00Z", "2026-08-07T00:00:00Z", BucketStep.OneHour);

        await service.GetActivityAsync(query, TestContext.Current.CancellationToken);

        port.Reads.Should().Equal(new Read("acct-1", At("2026-08-04T23:55:00Z"), At("2026-08-07T00:00:00Z")));
        store.Reads.Should().Equal(new Read("acct-1", At("2026-08-04T23:55:00Z"), At("2026-08-07T00:05:00Z")));
    }

    [Fact]
    public async Task GetActivityAsync_ReceiptWrittenAfterTheWindow_IsAttachedToItsCall()
    {
        // Arrange
        var port = new RecordingUsagePort(
        [
            Call("req-A", "2026-08-06T13:57:00Z"),
            Call("req-B", "2026-08-06T14:30:00Z"),
            Call("req-C", "2026-08-06T14:58:00Z"),
        ]);
        var store = new RecordingReceiptStore(
        [
            Receipt("req-A", "2026-08-06T14:01:31Z", 0.40m, credits: 40),
            Receipt("req-B", "2026-08-06T14:31:31Z", 0.10m, credits: 10),
            Receipt("req-C", "2026-08-06T15:02:31Z", 0.25m, credits: 25),
        ]);
        var service = CreateService(port, store);
        var query = Query("2026-08-06T14:00:00Z", "2026-08-06T15:00:00Z", BucketStep.FiveMinutes);

        // Act
        var report = await service.GetActivityAsync(query, TestContext.Current.CancellationToken);

        // Assert
        (report.Totals.Current.Requests, report.Totals.Current.Spend).Should().Be((2L, 0.35m));
        report.Buckets.Single(b => b.Start == At("2026-08-06T14:55:00Z")).Spend.Should().Be(0.25m);
        report.OrphanReceipts.Count.Should().Be(0);
        report.Totals.Previous.Should().Be(new ActivityMetrics(1, 10, 5, 0.40m));
    }

    [Fact]
    public async Task GetActivityAsync_UsageSourceFails_ThrowsItUnchangedAndCancelsTheReceiptRead()
    {
        var failure = new UsageSourceException(UsageSourceFailure.Timeout, "LiteLLM did not answer in time.");
        var port = new RecordingUsagePort([]) { Failure = failure };
        var store = new RecordingReceiptStore([]) { WaitUntilCancelled = true };
        var service = CreateService(port, store);
        var query = Query("2026-08-06T14:00:00Z", "2026-08-06T15:00:00Z", BucketStep.FiveMinutes);

        var act = () => service
            .GetActivityAsync(query, TestContext.Current.CancellationToken)
            .WaitAsync(s_hangGuard, TestContext.Current.CancellationToken);

        (await act.Should().ThrowExactlyAsync<UsageSourceException>()).Which.Should().BeSameAs(failure);
        store.SawCancellation.Should().BeTrue();
    }

    [Fact]
    public async Task GetActivityAsync_ReceiptsUnavailable_ThrowsItUnchanged()
    {
        var failure = new ReceiptsUnavailableException("The receipts database could not be reached.");
        var port = new RecordingUsagePort([]) { WaitUntilCancelled = true };
        var store = new RecordingReceiptStore([]) { Failure = failure };
        var service = CreateService(port, store);
        var query = Query("2026-08-06T14:00:00Z", "2026-08-06T15:00:00Z", BucketStep.FiveMinutes);

        var act = () => service
            .GetActivityAsync(query, TestContext.Current.CancellationToken)
            .WaitAsync(s_hangGuard, TestContext.Current.CancellationToken);

        (await act.Should().ThrowExactlyAsync<ReceiptsUnavailableException>()).Which.Should().BeSameAs(failure);
        port.SawCancellation.Should().BeTrue();
    }

    [Fact]
    public async Task GetActivityAsync_CallerGoesAway_CancelsBothReads()
    {
        var port = new RecordingUsagePort([]) { WaitUntilCancelled = true };
        var store = new RecordingReceiptStore([]) { WaitUntilCancelled = true };
        var service = CreateService(port, store);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var task = service.GetActivityAsync(Query("2026-08-06T14:00:00Z", "2026-08-06T15:00:00Z", BucketStep.FiveMinutes), caller.Token);
        await caller.CancelAsync();

        await FluentActions.Awaiting(() => task.WaitAsync(s_hangGuard, TestContext.Current.CancellationToken))
            .Should().ThrowAsync<OperationCanceledException>();
        port.SawCancellation.Should().BeTrue();
        store.SawCancellation.Should().BeTrue();
    }

    [Fact]
    public async Task GetActivityAsync_UnknownZoneInQuery_ThrowsArgumentException()
    {
        var service = CreateService(new RecordingUsagePort([]), new RecordingReceiptStore([]));
        var query = Query("2026-08-06T14:00:00Z", "2026-08-06T15:00:00Z", BucketStep.FiveMinutes) with { TimeZoneId = "Nowhere/Else" };

        var act = () => service.GetActivityAsync(query, TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    private static ActivityService CreateService(
        IActivityUsagePort port,
        IChargeReceiptStore store,
        BillingOptions? options = null) =>
        new(port, store, Options.Create(options ?? new BillingOptions()), NullLogger<ActivityService>.Instance);

    private sealed record Read(string AccountId, DateTimeOffset From, DateTimeOffset To);

    private abstract class RecordingSource<T>(IReadOnlyList<T> items, Func<T, DateTimeOffset> instantOf)
    {
        private readonly ConcurrentQueue<Read> _reads = new();
        private volatile bool _sawCancellation;

        public Exception? Failure { get; init; }

        public bool WaitUntilCancelled { get; init; }

        public IReadOnlyCollection<Read> Reads => _reads;

        public bool SawCancellation => _sawCancellation;

        protected async Task<IReadOnlyList<T>> ReadAsync(
            string accountId,
            DateTimeOffset from,
            DateTimeOffset to,
            CancellationToken cancellationToken)
        {
            _reads.Enqueue(new Read(accountId, from, to));
            await Task.Yield();
            if (WaitUntilCancelled)
            {
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    _sawCancellation = true;
                    throw;
                }
            }

            if (Failure is not null)
            {
                throw Failure;
            }

            return items.Where(item => instantOf(item) >= from && instantOf(item) < to).ToList();
        }
    }

    private sealed class RecordingUsagePort(IReadOnlyList<UsageEvent> calls)
        : RecordingSource<UsageEvent>(calls, call => call.StartTime), IActivityUsagePort
    {
        public Task<IReadOnlyList<UsageEvent>> GetUsageAsync(
            string accountId,
            DateTimeOffset from,
            DateTimeOffset to,
            CancellationToken cancellationToken) => ReadAsync(accountId, from, to, cancellationToken);
    }

    private sealed class RecordingReceiptStore(IReadOnlyList<ReceiptRecord> receipts)
        : RecordingSource<ReceiptRecord>(receipts, receipt => receipt.CreatedAt), IChargeReceiptStore
    {
        public Task<int> AddAsync(IReadOnlyCollection<ChargeReceipt> receipts, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The activity service only reads receipts.");

        public Task<IReadOnlyList<ReceiptRecord>> GetByCreatedAtAsync(
            string accountId,
            DateTimeOffset from,
            DateTimeOffset to,
            CancellationToken cancellationToken) => ReadAsync(accountId, from, to, cancellationToken);
    }
}
