using System.Runtime.InteropServices;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Receipts;
using NodaTime;

namespace ActivityDashboard.Core.Services;

/// <summary>
/// The pure arithmetic behind <see cref="ActivityService"/>: joins calls to receipts, buckets them on the viewer's
/// grid, and computes totals, the previous period, the breakdown and one page of rows (spec sections 3 to 6).
/// </summary>
/// <remarks>
/// The cost is linear in calls plus receipts: one pass to de-duplicate, one dictionary join, one pass per window with
/// a binary search over the bucket edges, and a bounded heap for the requested page of rows.
/// Breakdown keys: an empty model or provider is grouped as <see cref="UnknownGroupKey"/>; after the top five keys by
/// spend the rest fold into <see cref="ActivityGroup.OtherKey"/>; orphan receipts, which have no model or provider, form
/// <see cref="ActivityGroup.UnattributedKey"/> so that the groups add up to the totals.
/// </remarks>
internal static class ActivityCalculator
{
    public const string UnknownGroupKey = "Unknown";
    public const int TopGroupCount = 5;

    /// <summary>
    /// Computes the report of <paramref name="query"/> from every call and receipt that was fetched for it (calls over
    /// at least <c>[previous from − grace, to)</c>, receipts over at least <c>[previous from − grace, to + grace)</c>).
    /// </summary>
    public static ActivityReport Calculate(
        ActivityQuery query,
        DateTimeZone zone,
        IReadOnlyList<UsageEvent> calls,
        IReadOnlyList<ReceiptRecord> receipts,
        long creditsPerUsd) =>
        CalculateJoined(query, zone, CallReceiptJoin.Create(calls, receipts, creditsPerUsd));

    /// <summary>Computes the report of <paramref name="query"/> from calls and receipts already joined.</summary>
    public static ActivityReport CalculateJoined(ActivityQuery query, DateTimeZone zone, CallReceiptJoin joined) =>
        CalculateWindow(query, zone, joined).Report;

    /// <summary>
    /// Computes the report of <paramref name="query"/> as <see cref="Calculate"/> does, and every request of the
    /// window newest first (start time descending, then call id ordinal, then fetch order: the table's order).
    /// </summary>
    /// <remarks>
    /// Only an index per call in the window is sorted; each <see cref="ActivityRow"/> is built when enumerated.
    /// </remarks>
    public static ActivityExport CalculateExport(
        ActivityQuery query,
        DateTimeZone zone,
        IReadOnlyList<UsageEvent> calls,
        IReadOnlyList<ReceiptRecord> receipts,
        long creditsPerUsd)
    {
        var (report, grid, joined) = CalculateWindow(query, zone, CallReceiptJoin.Create(calls, receipts, creditsPerUsd));
        var inWindow = new int[report.TotalRows];
        var count = 0;
        for (var i = 0; i < joined.Calls.Count; i++)
        {
            if (grid.IndexOf(joined.Calls[i].StartTime) >= 0)
            {
                inWindow[count++] = i;
            }
        }

        var joinedCalls = joined.Calls;
        Array.Sort(inWindow, (x, y) =>
        {
            var byStart = joinedCalls[y].StartTime.UtcTicks.CompareTo(joinedCalls[x].StartTime.UtcTicks);
            if (byStart != 0)
            {
                return byStart;
            }

            var byId = string.CompareOrdinal(joinedCalls[x].CallId, joinedCalls[y].CallId);

            return byId != 0 ? byId : x.CompareTo(y);
        });

        return new ActivityExport(report, inWindow.Select(i => ToRow(joinedCalls[i], joined)));
    }

    private static (ActivityReport Report, BucketGrid Grid, CallReceiptJoin Joined) CalculateWindow(
        ActivityQuery query,
        DateTimeZone zone,
        CallReceiptJoin joined)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);

        var grid = BucketGrid.Create(query.From, query.To, query.Step, zone);

        var window = AccumulateWindow(query, grid, joined);
        var previous = SumPrevious(query, joined);

        var buckets = ToBuckets(grid, window.Buckets);
        var current = SumBuckets(buckets);
        var providerCost = 0m;
        foreach (var bucket in buckets)
        {
            providerCost += bucket.ProviderCost;
        }

        var totals = new ActivityTotals(
            current,
            providerCost,
            AveragePerDay(query, zone, current),
            previous,
            Change(current, previous));
        var groups = query.GroupBy == ActivityGroupBy.None ? [] : ToGroups(grid, window);
        var rows = window.Page.TakeRows(query.Offset, query.Limit, joined);
        var nextOffset = query.Offset + query.Limit < window.TotalRows ? query.Offset + query.Limit : (int?)null;

        var report = new ActivityReport(
            query,
            buckets,
            groups,
            totals,
            new OrphanReceipts(window.OrphanCount, window.OrphanSpend),
            rows,
            window.TotalRows,
            nextOffset);

        return (report, grid, joined);
    }

    private static WindowAccumulation AccumulateWindow(ActivityQuery query, BucketGrid grid, CallReceiptJoin joined)
    {
        var pageEnd = (int)Math.Min((long)query.Offset + query.Limit, int.MaxValue);
        var window = new WindowAccumulation(grid.Count, pageEnd);
        var groupBy = query.GroupBy;
        for (var i = 0; i < joined.Calls.Count; i++)
        {
            var call = joined.Calls[i];
            var index = grid.IndexOf(call.StartTime);
            if (index < 0)
            {
                continue;
            }

            var billed = joined.BilledOf(call);
            window.Buckets[index].AddCall(call, billed);
            if (groupBy != ActivityGroupBy.None)
            {
                var key = groupBy == ActivityGroupBy.Model ? call.Model : call.Provider;
                window.GroupBuckets(key.Length == 0 ? UnknownGroupKey : key)[index].AddCall(call, billed);
            }

            window.Page.Offer(call, i);
            window.TotalRows++;
        }

        // A receipt with no fetched call counts where it was written, in spend only.
        foreach (var orphan in joined.Orphans)
        {
            var index = grid.IndexOf(orphan.CreatedAt);
            if (index < 0)
            {
                continue;
            }

            window.Buckets[index].Spend += orphan.Amount;
            window.OrphanCount++;
            window.OrphanSpend += orphan.Amount;
            if (groupBy != ActivityGroupBy.None)
            {
                window.Unattributed ??= new Accumulator[grid.Count];
                window.Unattributed[index].Spend += orphan.Amount;
            }
        }

        return window;
    }

    private static ActivityMetrics SumPrevious(ActivityQuery query, CallReceiptJoin joined)
    {
        var to = query.From;
        var from = to - (query.To - query.From);
        var total = default(Accumulator);
        foreach (var call in joined.Calls)
        {
            if (call.StartTime >= from && call.StartTime < to)
            {
                total.AddCall(call, joined.BilledOf(call));
            }
        }

        foreach (var orphan in joined.Orphans)
        {
            if (orphan.CreatedAt >= from && orphan.CreatedAt < to)
            {
                total.Spend += orphan.Amount;
            }
        }

        return new ActivityMetrics(total.Requests, total.TokensIn, total.TokensOut, total.Spend);
    }

    private static ActivityBucket[] ToBuckets(BucketGrid grid, Accumulator[] accumulators)
    {
        var buckets = new ActivityBucket[grid.Count];
        for (var i = 0; i < buckets.Length; i++)
        {
            var a = accumulators[i];
            buckets[i] = new ActivityBucket(
                grid.GetStart(i),
                grid.GetEnd(i),
                grid.IsPartial(i),
                a.Requests,
                a.TokensIn,
                a.TokensOut,
                a.Spend,
                a.ProviderCost);
        }

        return buckets;
    }

    // The headline is the sum of the buckets, so it equals them exactly whatever the order of the calls.
    private static ActivityMetrics SumBuckets(IReadOnlyList<ActivityBucket> buckets)
    {
        long requests = 0, tokensIn = 0, tokensOut = 0;
        var spend = 0m;
        foreach (var bucket in buckets)
        {
            requests += bucket.Requests;
            tokensIn += bucket.TokensIn;
            tokensOut += bucket.TokensOut;
            spend += bucket.Spend;
        }

        return new ActivityMetrics(requests, tokensIn, tokensOut, spend);
    }

    private static ActivityAverages? AveragePerDay(ActivityQuery query, DateTimeZone zone, ActivityMetrics current)
    {
        decimal? days = query.Preset is { } preset ? preset.Days : LocalDays(query.From, query.To, zone);
        if (days is not { } d || d < 1m)
        {
            return null;
        }

        return new ActivityAverages(Quotient(current.Requests, d), Quotient(current.TokensIn, d), Quotient(current.TokensOut, d), Quotient(current.Spend, d));
    }

    /// <summary>
    /// The places a computed ratio (an average per day, a change in percent) keeps: the scale of the receipts'
    /// <c>numeric(20,10)</c>. Unrounded, $17.23 over 7 days went out as 28 digits of noise in the API.
    /// </summary>
    public const int RatioDecimals = 10;

    private static decimal Quotient(decimal dividend, decimal divisor) =>
        Math.Round(dividend / divisor, RatioDecimals, MidpointRounding.AwayFromZero);

    // The range's length as the local wall clock measures it: 7 local days across a DST change are 7 days.
    private static decimal LocalDays(DateTimeOffset from, DateTimeOffset to, DateTimeZone zone)
    {
        var localFrom = from.UtcTicks + zone.GetUtcOffset(Instant.FromDateTimeOffset(from)).Ticks;
        var localTo = to.UtcTicks + zone.GetUtcOffset(Instant.FromDateTimeOffset(to)).Ticks;

        return (localTo - localFrom) / (decimal)TimeSpan.TicksPerDay;
    }

    private static ActivityChange Change(ActivityMetrics current, ActivityMetrics previous) => new(
        Percent(current.Requests, previous.Requests),
        Percent(current.TokensIn, previous.TokensIn),
        Percent(current.TokensOut, previous.TokensOut),
        Percent(current.Spend, previous.Spend));

    private static decimal? Percent(decimal current, decimal previous) =>
        previous == 0m ? null : Quotient((current - previous) * 100m, previous);

    private static List<ActivityGroup> ToGroups(BucketGrid grid, WindowAccumulation window)
    {
        var ranked = window.Groups
            .Select(pair => (Key: pair.Key, Buckets: pair.Value, Total: Sum(pair.Value)))
            .OrderByDescending(g => g.Total.Spend)
            .ThenByDescending(g => g.Total.Requests)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

        var groups = new List<ActivityGroup>(TopGroupCount + 2);
        foreach (var group in ranked.Take(TopGroupCount))
        {
            groups.Add(new ActivityGroup(group.Key, ToBuckets(grid, group.Buckets)));
        }

        if (ranked.Count > TopGroupCount)
        {
            var other = new Accumulator[grid.Count];
            foreach (var group in ranked.Skip(TopGroupCount))
            {
                for (var i = 0; i < other.Length; i++)
                {
                    other[i].Add(group.Buckets[i]);
                }
            }

            groups.Add(new ActivityGroup(ActivityGroup.OtherKey, ToBuckets(grid, other)));
        }

        if (window.Unattributed is { } unattributed)
        {
            groups.Add(new ActivityGroup(ActivityGroup.UnattributedKey, ToBuckets(grid, unattributed)));
        }

        return groups;
    }

    private static Accumulator Sum(Accumulator[] buckets)
    {
        var total = default(Accumulator);
        foreach (var bucket in buckets)
        {
            total.Add(bucket);
        }

        return total;
    }

    private static ActivityRow ToRow(UsageEvent call, CallReceiptJoin joined) =>
        new(
            call.CallId,
            call.StartTime,
            call.Model,
            call.Provider,
            call.TokensIn,
            call.TokensOut,
            joined.BilledOf(call),
            call.ProviderCost,
            call.DurationMs,
            TokensPerSecond(call),
            call.Status);

    private static double? TokensPerSecond(UsageEvent call)
    {
        if (call.TokensOut <= 0 || call.EndTime is not { } end || call.CompletionStartTime is not { } firstToken)
        {
            return null;
        }

        var seconds = (end - firstToken).TotalSeconds;

        return seconds > 0 ? call.TokensOut / seconds : null;
    }

    private struct Accumulator
    {
        public long Requests;
        public long TokensIn;
        public long TokensOut;
        public decimal Spend;
        public decimal ProviderCost;

        public void AddCall(UsageEvent call, decimal? billed)
        {
            Requests++;
            TokensIn += call.TokensIn;
            TokensOut += call.TokensOut;
            ProviderCost += call.ProviderCost;
            if (billed is { } amount)
            {
                Spend += amount;
            }
        }

        public void Add(Accumulator other)
        {
            Requests += other.Requests;
            TokensIn += other.TokensIn;
            TokensOut += other.TokensOut;
            Spend += other.Spend;
            ProviderCost += other.ProviderCost;
        }
    }

    private sealed class WindowAccumulation(int bucketCount, int pageEnd)
    {
        public Accumulator[] Buckets { get; } = new Accumulator[bucketCount];

        public Dictionary<string, Accumulator[]> Groups { get; } = new(StringComparer.Ordinal);

        public Accumulator[]? Unattributed { get; set; }

        public PageSelection Page { get; } = new(pageEnd);

        public int TotalRows { get; set; }

        public int OrphanCount { get; set; }

        public decimal OrphanSpend { get; set; }

        public Accumulator[] GroupBuckets(string key)
        {
            ref var buckets = ref CollectionsMarshal.GetValueRefOrAddDefault(Groups, key, out _);
            buckets ??= new Accumulator[bucketCount];

            return buckets;
        }
    }

    /// <summary>
    /// Keeps the newest <c>offset + limit</c> calls (start time descending, then call id ordinal, then fetch order) in
    /// a bounded heap whose root is the oldest kept, so choosing a page costs O(n log k) instead of sorting every call.
    /// </summary>
    private sealed class PageSelection(int capacity)
    {
        private readonly PriorityQueue<UsageEvent, RowRank> _kept = new(RowRank.OldestFirst);

        public void Offer(UsageEvent call, int sequence)
        {
            var rank = new RowRank(call.StartTime.UtcTicks, call.CallId, sequence);
            if (_kept.Count < capacity)
            {
                _kept.Enqueue(call, rank);
            }
            else
            {
                // Adds the call and drops whichever is now the oldest (possibly the call itself).
                _kept.EnqueueDequeue(call, rank);
            }
        }

        public List<ActivityRow> TakeRows(int offset, int limit, CallReceiptJoin joined)
        {
            var newestFirst = new List<(UsageEvent Call, RowRank Rank)>(_kept.Count);
            while (_kept.TryDequeue(out var call, out var rank))
            {
                newestFirst.Add((call, rank));
            }

            newestFirst.Reverse();

            return newestFirst
                .Skip(offset)
                .Take(limit)
                .Select(kept => ToRow(kept.Call, joined))
                .ToList();
        }
    }

    private readonly record struct RowRank(long StartTicks, string CallId, int Sequence)
    {
        /// <summary>Orders the oldest row first: earlier start, then larger call id, then later fetch order.</summary>
        public static IComparer<RowRank> OldestFirst { get; } = Comparer<RowRank>.Create(static (x, y) =>
        {
            var byStart = x.StartTicks.CompareTo(y.StartTicks);
            if (byStart != 0)
            {
                return byStart;
            }

            var byId = string.CompareOrdinal(y.CallId, x.CallId);

            return byId != 0 ? byId : y.Sequence.CompareTo(x.Sequence);
        });
    }
}
