using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Fakes;
using ActivityDashboard.Core.Receipts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActivityDashboard.Core.Demo;

/// <summary>
/// Fills the demo's fake usage source and the receipts database: the last 61 days at start-up (so the 30-day view
/// has a previous period), then every minute up to "now", so the last-hour view stays live. Only what has happened
/// by "now" is added: calls that have ended, receipts already written.
/// </summary>
internal sealed partial class DemoSeeder(
    FakeUsageAdapter usage,
    IChargeReceiptStore receipts,
    DemoUsageGenerator generator,
    TimeProvider timeProvider,
    ILogger<DemoSeeder> logger) : BackgroundService
{
    internal static readonly TimeSpan History = TimeSpan.FromDays(61);
    internal static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>The accounts seeded: the demo's own (its users belong to them).</summary>
    internal static IReadOnlyList<string> Accounts() => DemoUsageGenerator.AccountIds;

    /// <summary>
    /// What became visible in <c>[<paramref name="from"/>, <paramref name="until"/>)</c>: calls that ended and
    /// receipts created in it. Consecutive slices never overlap and never leave a gap.
    /// </summary>
    internal static (IReadOnlyList<UsageEvent> Events, IReadOnlyList<ChargeReceipt> Receipts) Slice(
        DemoUsageGenerator generator,
        string accountId,
        DateTimeOffset from,
        DateTimeOffset until)
    {
        var generated = generator.Generate(accountId, from - DemoUsageGenerator.MaxCallDuration, until);
        var events = generated.Events.Where(e => (e.EndTime ?? e.StartTime) >= from && (e.EndTime ?? e.StartTime) < until).ToList();
        var written = generated.Receipts.Where(r => r.CreatedAt >= from).ToList();

        return (events, written);
    }

    /// <summary>Adds everything that happened from <paramref name="from"/> up to now; returns the new "seeded until".</summary>
    internal async Task<DateTimeOffset> SeedAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var until = timeProvider.GetUtcNow();
        if (until <= from)
        {
            return from;
        }

        var accounts = Accounts();
        var slices = accounts.Select(account => (Account: account, Slice: Slice(generator, account, from, until))).ToList();

        // Receipts first: if the database is down nothing is added to the fake either, and the next round retries
        // the whole interval, so the two sources never drift apart.
        var inserted = await receipts.AddAsync([.. slices.SelectMany(s => s.Slice.Receipts)], cancellationToken);
        foreach (var (account, slice) in slices)
        {
            usage.Add(account, slice.Events);
        }

        Log.Seeded(
            logger,
            slices.Sum(s => s.Slice.Events.Count),
            inserted,
            accounts.Count,
            from,
            until,
            (long)timeProvider.GetElapsedTime(started).TotalMilliseconds);

        return until;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seededUntil = timeProvider.GetUtcNow() - History;
        try
        {
            seededUntil = await SeedOrKeepAsync(seededUntil, stoppingToken);
            using var timer = new PeriodicTimer(Interval, timeProvider);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                seededUntil = await SeedOrKeepAsync(seededUntil, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: end quietly.
        }
    }

    private async Task<DateTimeOffset> SeedOrKeepAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        try
        {
            return await SeedAsync(from, cancellationToken);
        }
        catch (ReceiptsUnavailableException exception)
        {
            Log.SeedDeferred(logger, exception, from);

            return from;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6000, EventName = "DemoSeeded", Level = LogLevel.Information,
            Message = "Demo data: added {CallCount} calls and {ReceiptCount} new receipts for {AccountCount} accounts "
                + "over [{From:O}, {Until:O}) in {ElapsedMilliseconds} ms.")]
        public static partial void Seeded(
            ILogger logger,
            int callCount,
            int receiptCount,
            int accountCount,
            DateTimeOffset from,
            DateTimeOffset until,
            long elapsedMilliseconds);

        [LoggerMessage(EventId = 6001, EventName = "DemoSeedDeferred", Level = LogLevel.Warning,
            Message = "Demo data from {From:O} could not be written; the receipts database is unavailable. Retrying in a minute.")]
        public static partial void SeedDeferred(ILogger logger, Exception exception, DateTimeOffset from);
    }
}
