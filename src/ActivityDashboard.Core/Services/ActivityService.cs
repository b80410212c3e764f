using System.Diagnostics;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Core.Receipts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace ActivityDashboard.Core.Services;

/// <summary>
/// Answers activity questions: reads telemetry through <see cref="IActivityUsagePort"/> and receipts through
/// <see cref="IChargeReceiptStore"/>, joins them, and buckets the result on the viewer's wall-clock grid.
/// </summary>
/// <remarks>
/// One question costs one telemetry read over <c>[previous from − grace, to)</c> and one receipt read over
/// <c>[previous from − grace, to + grace)</c>, run concurrently; the current window and the previous period are both
/// computed from them. If either read fails the other is cancelled and the failure propagates unchanged.
/// </remarks>
public sealed partial class ActivityService(
    IActivityUsagePort usagePort,
    IChargeReceiptStore receiptStore,
    IOptions<BillingOptions> billingOptions,
    ILogger<ActivityService> logger)
{
    /// <summary>Computes the report for <paramref name="query"/>.</summary>
    /// <exception cref="UsageSourceException">LiteLLM could not answer in full.</exception>
    /// <exception cref="ReceiptsUnavailableException">The receipts database could not be reached.</exception>
    /// <exception cref="ArgumentException">The query's zone is unknown or its window is empty.</exception>
    public async Task<ActivityReport> GetActivityAsync(ActivityQuery query, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(query, cancellationToken);
        var report = ActivityCalculator.Calculate(query, read.Zone, read.Calls, read.Receipts, read.CreditsPerUsd);
        LogComputed(report, read.Started);

        return report;
    }

    /// <summary>
    /// Computes the report for <paramref name="query"/> and every request row of its window, newest first, for the
    /// CSV export. Both sources are read in full and validated before this returns, so a failure surfaces here and
    /// never half-way through writing the rows.
    /// </summary>
    /// <remarks>
    /// The fetched calls and receipts stay in memory while the rows are enumerated (they are the rows' source); the
    /// rows themselves are built one at a time.
    /// </remarks>
    /// <exception cref="UsageSourceException">LiteLLM could not answer in full.</exception>
    /// <exception cref="ReceiptsUnavailableException">The receipts database could not be reached.</exception>
    /// <exception cref="ArgumentException">The query's zone is unknown or its window is empty.</exception>
    public async Task<ActivityExport> GetExportAsync(ActivityQuery query, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(query, cancellationToken);
        var export = ActivityCalculator.CalculateExport(query, read.Zone, read.Calls, read.Receipts, read.CreditsPerUsd);
        LogComputed(export.Report, read.Started);

        return export;
    }

    private async Task<SourceRead> ReadAsync(ActivityQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(query.From, query.To);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(query.TimeZoneId)
            ?? throw new ArgumentException($"Unknown time zone '{query.TimeZoneId}'.", nameof(query));

        var options = billingOptions.Value;
        var previousFrom = query.From - (query.To - query.From);
        var readFrom = previousFrom - options.JoinGrace;
        var receiptsTo = query.To + options.JoinGrace;
        var started = Stopwatch.GetTimestamp();
        using var span = ActivityTelemetry.Source.StartActivity("activity.read_sources");
        span?.SetTag("activitydashboard.account", query.AccountId);

        using var readCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var callsTask = CancelOthersOnFailureAsync(
            token => usagePort.GetUsageAsync(query.AccountId, readFrom, query.To, token),
            readCancellation);
        var receiptsTask = CancelOthersOnFailureAsync(
            token => receiptStore.GetByCreatedAtAsync(query.AccountId, readFrom, receiptsTo, token),
            readCancellation);
        try
        {
            await Task.WhenAll(callsTask, receiptsTask);
        }
        catch (Exception ex) when (span is not null && !cancellationToken.IsCancellationRequested)
        {
            span.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);

            throw;
        }

        var calls = await callsTask;
        var receipts = await receiptsTask;
        var readMilliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Log.SourcesRead(logger, query.AccountId, readFrom, query.To, calls.Count, receipts.Count, readMilliseconds);

        return new SourceRead(zone, calls, receipts, options.CreditsPerUsd, started);
    }

    private void LogComputed(ActivityReport report, long started)
    {
        var totalMilliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Log.ReportComputed(
            logger,
            report.Query.AccountId,
            report.Query.From,
            report.Query.To,
            report.Buckets.Count,
            report.TotalRows,
            report.OrphanReceipts.Count,
            totalMilliseconds);
    }

    private static async Task<T> CancelOthersOnFailureAsync<T>(
        Func<CancellationToken, Task<T>> read,
        CancellationTokenSource readCancellation)
    {
        try
        {
            return await read(readCancellation.Token);
        }
        catch
        {
            // The other read is pointless once one has failed; its cancellation never hides this exception because
            // Task.WhenAll reports a faulted task ahead of a cancelled one.
            await readCancellation.CancelAsync();
            throw;
        }
    }

    private sealed record SourceRead(
        DateTimeZone Zone,
        IReadOnlyList<UsageEvent> Calls,
        IReadOnlyList<ReceiptRecord> Receipts,
        long CreditsPerUsd,
        long Started);

    private static partial class Log
    {
        [LoggerMessage(
            EventId = 2000,
            EventName = "ActivitySourcesRead",
            Level = LogLevel.Debug,
            Message = "Read {CallCount} calls and {ReceiptCount} receipts of account {AccountId} from {From} to {To} "
                + "in {ElapsedMilliseconds} ms.")]
        public static partial void SourcesRead(
            ILogger logger,
            string accountId,
            DateTimeOffset from,
            DateTimeOffset to,
            int callCount,
            int receiptCount,
            long elapsedMilliseconds);

        [LoggerMessage(
            EventId = 2001,
            EventName = "ActivityReportComputed",
            Level = LogLevel.Debug,
            Message = "Computed {BucketCount} buckets, {RowCount} rows and {OrphanCount} orphan receipts of account {AccountId} "
                + "from {From} to {To} in {ElapsedMilliseconds} ms.")]
        public static partial void ReportComputed(
            ILogger logger,
            string accountId,
            DateTimeOffset from,
            DateTimeOffset to,
            int bucketCount,
            int rowCount,
            int orphanCount,
            long elapsedMilliseconds);
    }
}
