using System.Diagnostics;
using System.Runtime.ExceptionServices;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Core.LiteLlm;

/// <summary>
/// Reads a billing account's calls from LiteLLM's <c>GET /spend/logs/v2</c>: splits long windows into chunks read in
/// parallel, pages each chunk to its end, validates every row, and translates every way LiteLLM can fail into one
/// <see cref="UsageSourceException"/>.
/// </summary>
/// <remarks>
/// Registered as a singleton: it remembers, for its lifetime, that the proxy refused the configured page size.
/// Paging lives in <c>LiteLlmUsageAdapter.Paging.cs</c>, the HTTP call and its error mapping in
/// <c>LiteLlmUsageAdapter.Requests.cs</c>.
/// </remarks>
internal sealed partial class LiteLlmUsageAdapter(
    ILiteLlmSpendApi api,
    IOptions<LiteLlmOptions> options,
    TimeProvider timeProvider,
    LiteLlmMetrics metrics,
    ILogger<LiteLlmUsageAdapter> logger) : IActivityUsagePort
{
    private const string SpendLogsPath = "/spend/logs/v2";

    private readonly LiteLlmOptions _options = options.Value;

    // Starts at the configured page size and drops to FallbackPageSize once an older proxy refuses it with 422.
    private int _pageSize = options.Value.PageSize;

    /// <inheritdoc />
    public async Task<IReadOnlyList<UsageEvent>> GetUsageAsync(
        string accountId,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        (from, to) = UsageWindowArguments.Check(accountId, from, to);

        var started = timeProvider.GetTimestamp();
        var chunks = SplitIntoChunks(new UtcWindow(from, to), _options.ChunkLength);
        var stats = new ReadStats();
        using var span = LiteLlmMetrics.ActivitySource.StartActivity("litellm.read_usage");
        span?.SetTag("activitydashboard.litellm.chunks", chunks.Count);

        List<UsageEvent>[] perChunk;
        try
        {
            perChunk = await ReadChunksAsync(accountId, chunks, stats, cancellationToken);
        }
        catch (UsageSourceException ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.Reason);

            throw;
        }

        var events = DeduplicateAndOrder(perChunk);
        metrics.RecordPages(stats.Pages);
        span?.SetTag("activitydashboard.litellm.pages", stats.Pages);
        span?.SetTag("activitydashboard.litellm.calls", events.Count);
        Log.UsageRead(
            logger,
            events.Count,
            from,
            to,
            chunks.Count,
            stats.Pages,
            (long)timeProvider.GetElapsedTime(started).TotalMilliseconds);

        return events;
    }

    private static List<UtcWindow> SplitIntoChunks(UtcWindow window, TimeSpan chunkLength)
    {
        var chunks = new List<UtcWindow>();
        for (var start = window.From; start < window.To; start += chunkLength)
        {
            var end = window.To - start > chunkLength ? start + chunkLength : window.To;
            chunks.Add(new UtcWindow(start, end));
        }

        return chunks;
    }

    // Reads every chunk with at most MaxConcurrency in flight. The first failure cancels the rest and is what the
    // caller sees: a week with one failed day is a failed week, never a partial one.
    private async Task<List<UsageEvent>[]> ReadChunksAsync(
        string accountId,
        List<UtcWindow> chunks,
        ReadStats stats,
        CancellationToken cancellationToken)
    {
        var results = new List<UsageEvent>[chunks.Count];
        if (chunks.Count == 1)
        {
            results[0] = await ReadChunkAsync(accountId, chunks[0], stats, cancellationToken);

            return results;
        }

        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? firstFailure = null;
        var next = -1;

        async Task ReadNextChunksAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < chunks.Count)
            {
                try
                {
                    results[index] = await ReadChunkAsync(accountId, chunks[index], stats, failFast.Token);
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref firstFailure, ex, null);
                    await failFast.CancelAsync();
                    throw;
                }
            }
        }

        var workers = Enumerable.Range(0, Math.Min(_options.MaxConcurrency, chunks.Count))
            .Select(_ => ReadNextChunksAsync())
            .ToArray();
        try
        {
            await Task.WhenAll(workers);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away: that is a cancellation, whatever the chunks reported on their way out.
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (Exception) when (firstFailure is not null)
        {
            // The other workers only saw our own fail-fast cancellation; report what actually went wrong.
            ExceptionDispatchInfo.Throw(firstFailure);
        }

        return results;
    }

    // Chunks are in window order and rows in upstream order, so "first wins" keeps the earliest copy of a repeated
    // call id. Rows with an empty id are separate calls and are all kept. The sort is stable: ties keep upstream order.
    private static List<UsageEvent> DeduplicateAndOrder(List<UsageEvent>[] perChunk)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var events = new List<UsageEvent>();
        foreach (var chunk in perChunk)
        {
            foreach (var usageEvent in chunk)
            {
                if (usageEvent.CallId.Length == 0 || seen.Add(usageEvent.CallId))
                {
                    events.Add(usageEvent);
                }
            }
        }

        return [.. events.OrderBy(e => e.StartTime)];
    }

    private readonly record struct UtcWindow(DateTimeOffset From, DateTimeOffset To);

    private sealed class ReadStats
    {
        private int _pages;

        public int Pages => Volatile.Read(ref _pages);

        public void CountPage() => Interlocked.Increment(ref _pages);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1000, EventName = "UsageRead", Level = LogLevel.Debug,
            Message = "Read {EventCount} calls for {From:o} to {To:o} in {ChunkCount} chunks and {PageCount} pages "
                + "in {ElapsedMilliseconds} ms.")]
        public static partial void UsageRead(
            ILogger logger,
            int eventCount,
            DateTimeOffset from,
            DateTimeOffset to,
            int chunkCount,
            int pageCount,
            long elapsedMilliseconds);

        [LoggerMessage(EventId = 1001, EventName = "PageRead", Level = LogLevel.Debug,
            Message = "Read page {Page} of {Path} with page size {PageSize}: {RowCount} rows, {DroppedRowCount} outside the window, "
                + "in {ElapsedMilliseconds} ms.")]
        public static partial void PageRead(
            ILogger logger,
            int page,
            string path,
            int pageSize,
            int rowCount,
            int droppedRowCount,
            long elapsedMilliseconds);

        [LoggerMessage(EventId = 1002, EventName = "PageSizeRefused", Level = LogLevel.Warning,
            Message = "{Path} refused page size {PageSize} with status 422; using {FallbackPageSize} from now on.")]
        public static partial void PageSizeRefused(ILogger logger, string path, int pageSize, int fallbackPageSize);

        [LoggerMessage(EventId = 1003, EventName = "ErrorStatus", Level = LogLevel.Warning,
            Message = "{Path} answered status {StatusCode} after {ElapsedMilliseconds} ms; reported as {Failure}.")]
        public static partial void ErrorStatus(
            ILogger logger,
            string path,
            int statusCode,
            long elapsedMilliseconds,
            UsageSourceFailure failure);

        [LoggerMessage(EventId = 1004, EventName = "Unreachable", Level = LogLevel.Warning,
            Message = "{Path} could not be reached after {ElapsedMilliseconds} ms.")]
        public static partial void Unreachable(ILogger logger, Exception exception, string path, long elapsedMilliseconds);

        [LoggerMessage(EventId = 1005, EventName = "UpstreamTimeout", Level = LogLevel.Warning,
            Message = "{Path} did not answer within the timeout of {TimeoutMilliseconds} ms (an upstream timeout, not a cancellation).")]
        public static partial void UpstreamTimeout(ILogger logger, string path, long timeoutMilliseconds);

        [LoggerMessage(EventId = 1006, EventName = "InvalidResponse", Level = LogLevel.Warning,
            Message = "{Path} answered page {Page} with something that is not a spend-log page: {Problem}.")]
        public static partial void InvalidResponse(ILogger logger, Exception? exception, string path, int page, string problem);
    }
}
