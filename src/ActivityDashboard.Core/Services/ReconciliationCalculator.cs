using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Reconciliation;
using NodaTime;

namespace ActivityDashboard.Core.Services;

/// <summary>
/// The pure arithmetic of the reconciliation of one account: from the same join as the activity report, the calls
/// without a receipt, the orphan receipts, the calls billed more than the tolerance away from provider cost times the
/// markup, and the realised-markup distribution, each counted in the bucket its call (or orphan receipt) counts in
/// on <c>/activity</c>.
/// </summary>
/// <remarks>
/// The amount check is per call, over all its receipts added up, so a charge and a later adjustment that together
/// bill the right amount are not a mismatch. A call with provider cost zero and a receipt has no realised markup; it
/// is a mismatch when it was billed more than the tolerance (spec case 05).
/// </remarks>
internal static class ReconciliationCalculator
{
    public static ReconciliationReport Calculate(
        ActivityQuery query,
        DateTimeZone zone,
        CallReceiptJoin joined,
        decimal markup,
        decimal tolerance)
    {
        // Requests, spend and provider cost come from the activity report itself, so they are /activity's exactly.
        var activity = ActivityCalculator.CalculateJoined(
            query with { GroupBy = ActivityGroupBy.None, Limit = 1, Offset = 0 },
            zone,
            joined);
        var grid = BucketGrid.Create(query.From, query.To, query.Step, zone);
        var found = new Found[grid.Count];
        var bins = new int[MarkupBins.Empty.Count];
        var withoutProviderCost = 0;
        var findings = new List<ReconciliationFinding>();
        var mismatchIndexes = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var call in joined.Calls)
        {
            var index = grid.IndexOf(call.StartTime);
            if (index < 0)
            {
                continue;
            }

            var expected = call.ProviderCost * markup;
            if (joined.BilledOf(call) is not { } billed)
            {
                // A failed call that cost nothing is not billed by design; anything else without a receipt is unbilled.
                if (call.Status == UsageStatus.Success || call.ProviderCost != 0m)
                {
                    found[index].Unbilled++;
                    found[index].UnbilledProviderCost += call.ProviderCost;
                    findings.Add(new ReconciliationFinding(
                        ReconciliationFindingKind.UnbilledCall, query.AccountId, call.StartTime, call.CallId, call.Model, null, call.ProviderCost, expected, []));
                }

                continue;
            }

            if (call.ProviderCost > 0m)
            {
                bins[MarkupBins.IndexOf(billed / call.ProviderCost)]++;
            }
            else
            {
                withoutProviderCost++;
            }

            var difference = billed - expected;
            if (Math.Abs(difference) > tolerance)
            {
                found[index].Mismatches++;
                found[index].MismatchDifference += difference;
                mismatchIndexes[call.CallId] = findings.Count;
                findings.Add(new ReconciliationFinding(
                    ReconciliationFindingKind.AmountMismatch, query.AccountId, call.StartTime, call.CallId, call.Model, billed, call.ProviderCost, expected, []));
            }
        }

        // A mismatch names every receipt of its call (a billed call always has a non-empty id).
        if (mismatchIndexes.Count > 0)
        {
            var references = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var receipt in joined.Receipts)
            {
                if (receipt.LitellmCallId is { } callId && mismatchIndexes.ContainsKey(callId) && receipt.SourceReference is { } reference)
                {
                    (references.TryGetValue(callId, out var list) ? list : references[callId] = []).Add(reference);
                }
            }

            foreach (var (callId, list) in references)
            {
                var at = mismatchIndexes[callId];
                findings[at] = findings[at] with { ReceiptReferences = list };
            }
        }

        foreach (var orphan in joined.Orphans)
        {
            var index = grid.IndexOf(orphan.CreatedAt);
            if (index < 0)
            {
                continue;
            }

            found[index].Orphans++;
            found[index].OrphanSpend += orphan.Amount;
            var receipt = orphan.Receipt;
            findings.Add(new ReconciliationFinding(
                ReconciliationFindingKind.OrphanReceipt,
                query.AccountId,
                receipt.CreatedAt,
                string.IsNullOrEmpty(receipt.LitellmCallId) ? null : receipt.LitellmCallId,
                null,
                orphan.Amount,
                null,
                null,
                receipt.SourceReference is { } reference ? [reference] : []));
        }

        var buckets = new ReconciliationBucket[grid.Count];
        var totals = ReconciliationCounts.Zero;
        for (var i = 0; i < buckets.Length; i++)
        {
            var a = activity.Buckets[i];
            var f = found[i];
            var counts = new ReconciliationCounts(
                a.Requests,
                a.Spend,
                a.ProviderCost,
                f.Unbilled,
                f.UnbilledProviderCost,
                f.Orphans,
                f.OrphanSpend,
                f.Mismatches,
                f.MismatchDifference);
            buckets[i] = new ReconciliationBucket(a.Start, a.End, a.Partial, counts);
            totals += counts;
        }

        return new ReconciliationReport(
            query.From,
            query.To,
            query.Step,
            query.TimeZoneId,
            query.Preset,
            query.AccountId,
            [query.AccountId],
            markup,
            tolerance,
            buckets,
            totals,
            WithCounts(bins),
            withoutProviderCost,
            NewestFirst(findings));
    }

    /// <summary>
    /// The reconciliation of several accounts over the same window and grid as one: buckets, totals and bins added
    /// up, findings merged newest first.
    /// </summary>
    public static ReconciliationReport Merge(IReadOnlyList<ReconciliationReport> reports, string? accountId)
    {
        ArgumentOutOfRangeException.ThrowIfZero(reports.Count);
        var first = reports[0];
        var buckets = first.Buckets.ToArray();
        var bins = first.MarkupBins.Select(b => b.Count).ToArray();
        var withoutProviderCost = first.WithoutProviderCost;
        foreach (var report in reports.Skip(1))
        {
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] = buckets[i] with { Counts = buckets[i].Counts + report.Buckets[i].Counts };
            }

            for (var i = 0; i < bins.Length; i++)
            {
                bins[i] += report.MarkupBins[i].Count;
            }

            withoutProviderCost += report.WithoutProviderCost;
        }

        var totals = ReconciliationCounts.Zero;
        foreach (var bucket in buckets)
        {
            totals += bucket.Counts;
        }

        return first with
        {
            AccountId = accountId,
            Accounts = [.. reports.SelectMany(r => r.Accounts).Order(StringComparer.Ordinal)],
            Buckets = buckets,
            Totals = totals,
            MarkupBins = WithCounts(bins),
            WithoutProviderCost = withoutProviderCost,
            Findings = NewestFirst(reports.SelectMany(r => r.Findings)),
        };
    }

    private static MarkupBin[] WithCounts(int[] counts) =>
        [.. MarkupBins.Empty.Select((bin, i) => bin with { Count = counts[i] })];

    private static ReconciliationFinding[] NewestFirst(IEnumerable<ReconciliationFinding> findings) =>
        [.. findings
            .OrderByDescending(f => f.At.UtcTicks)
            .ThenBy(f => f.AccountId, StringComparer.Ordinal)
            .ThenBy(f => f.Kind)
            .ThenBy(f => f.CallId, StringComparer.Ordinal)];

    private struct Found
    {
        public int Unbilled;
        public decimal UnbilledProviderCost;
        public int Orphans;
        public decimal OrphanSpend;
        public int Mismatches;
        public decimal MismatchDifference;
    }
}
