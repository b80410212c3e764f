using System.Globalization;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Ports;

namespace ActivityDashboard.Core.LiteLlm;

internal sealed partial class LiteLlmUsageAdapter
{
    /// <summary>The largest page size proxies from before LiteLLM PR #33994 accept.</summary>
    internal const int FallbackPageSize = 100;

    // Reads one chunk to its last page. When the proxy refuses the page size (an older proxy capped at 100), the
    // smaller size is remembered for the adapter's lifetime and the chunk is read again from page 1, because
    // offsets computed with the old page size would skip rows.
    private async Task<List<UsageEvent>> ReadChunkAsync(
        string accountId,
        UtcWindow chunk,
        ReadStats stats,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var pageSize = Volatile.Read(ref _pageSize);
            var events = await TryReadChunkAsync(accountId, chunk, pageSize, stats, cancellationToken);
            if (events is not null)
            {
                return events;
            }

            if (Interlocked.CompareExchange(ref _pageSize, FallbackPageSize, pageSize) == pageSize)
            {
                Log.PageSizeRefused(logger, SpendLogsPath, pageSize, FallbackPageSize);
            }
        }
    }

    // Returns null when the proxy refused pageSize (only possible above FallbackPageSize).
    private async Task<List<UsageEvent>?> TryReadChunkAsync(
        string accountId,
        UtcWindow chunk,
        int pageSize,
        ReadStats stats,
        CancellationToken cancellationToken)
    {
        // LiteLLM compares whole seconds and includes both ends, so ask for the window rounded outwards and cut it
        // to the exact half-open [From, To) here.
        var startDate = FormatQueryDate(FloorToSecond(chunk.From));
        var endDate = FormatQueryDate(CeilingToSecond(chunk.To));

        var events = new List<UsageEvent>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        List<(string CallId, DateTimeOffset StartTime)>? previousPage = null;
        for (var page = 1; ; page++)
        {
            var started = timeProvider.GetTimestamp();
            var response = await FetchPageAsync(accountId, startDate, endDate, page, pageSize, cancellationToken);
            if (response is null)
            {
                return null;
            }

            stats.CountPage();
            var rows = MapRows(response, page);

            // Never trust total, total_pages or total_is_capped: LiteLLM caps the count while rows keep coming.
            // A page shorter than the page size (ours, or the smaller one the proxy says it used) is the last one.
            var effectivePageSize = response.PageSize is int echoed and > 0 ? Math.Min(pageSize, echoed) : pageSize;
            var isFullPage = rows.Count > 0 && rows.Count >= effectivePageSize;

            var fingerprint = rows.Select(r => (r.CallId, r.StartTime)).ToList();
            if (page > 1 && isFullPage && IsRepeatedPage(fingerprint, previousPage, seenIds))
            {
                throw InvalidResponse(page, $"page {page} repeats rows already read, so the proxy seems to ignore paging");
            }

            var dropped = 0;
            foreach (var row in rows)
            {
                if (row.CallId.Length > 0)
                {
                    seenIds.Add(row.CallId);
                }

                // Rows outside the chunk are the neighbouring chunk's, or the proxy ignored the window.
                if (row.StartTime >= chunk.From && row.StartTime < chunk.To)
                {
                    events.Add(row);
                }
                else
                {
                    dropped++;
                }
            }

            Log.PageRead(
                logger,
                page,
                SpendLogsPath,
                pageSize,
                rows.Count,
                dropped,
                (long)timeProvider.GetElapsedTime(started).TotalMilliseconds);
            if (!isFullPage)
            {
                return events;
            }

            previousPage = fingerprint;
        }
    }

    private List<UsageEvent> MapRows(SpendLogsPage response, int page)
    {
        var rows = new List<UsageEvent>(response.Data.Count);
        for (var i = 0; i < response.Data.Count; i++)
        {
            if (response.Data[i] is not { } row)
            {
                throw InvalidResponse(page, $"row {i} is null");
            }

            if (!SpendLogRowMapper.TryMap(row, out var usageEvent, out var error))
            {
                throw InvalidResponse(page, $"row {i}: {error}");
            }

            rows.Add(usageEvent);
        }

        return rows;
    }

    // A proxy that ignores "page" sends the same rows forever; without this check the loop would never end.
    private static bool IsRepeatedPage(
        List<(string CallId, DateTimeOffset StartTime)> page,
        List<(string CallId, DateTimeOffset StartTime)>? previousPage,
        HashSet<string> seenIds)
    {
        if (previousPage is not null && page.SequenceEqual(previousPage))
        {
            return true;
        }

        var ids = page.Where(r => r.CallId.Length > 0).Select(r => r.CallId).ToList();

        return ids.Count > 0 && ids.All(seenIds.Contains);
    }

    private UsageSourceException InvalidResponse(int page, string problem)
    {
        Log.InvalidResponse(logger, null, SpendLogsPath, page, problem);

        return new UsageSourceException(
            UsageSourceFailure.InvalidResponse,
            $"LiteLLM answered GET {SpendLogsPath} with a body that is not a spend-log page ({problem}).");
    }

    private static string FormatQueryDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static DateTimeOffset FloorToSecond(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static DateTimeOffset CeilingToSecond(DateTimeOffset value)
    {
        var remainder = value.UtcTicks % TimeSpan.TicksPerSecond;

        return remainder == 0 ? value : new DateTimeOffset(value.UtcTicks + TimeSpan.TicksPerSecond - remainder, TimeSpan.Zero);
    }
}
