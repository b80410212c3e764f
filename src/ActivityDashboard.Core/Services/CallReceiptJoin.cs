using System.Runtime.InteropServices;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Receipts;

namespace ActivityDashboard.Core.Services;

/// <summary>
/// The one join of telemetry and receipts (spec section 4) that the activity report and the reconciliation both
/// count from: calls de-duplicated by non-empty call id (first wins), receipts joined to them by call id (never by
/// time, an empty id never joins), several receipts of one call added up, and every receipt without a fetched call
/// kept as an orphan.
/// </summary>
internal sealed class CallReceiptJoin
{
    private readonly Dictionary<string, decimal> _billed;

    private CallReceiptJoin(
        List<UsageEvent> calls,
        Dictionary<string, decimal> billed,
        List<JoinedOrphan> orphans,
        IReadOnlyList<ReceiptRecord> receipts)
    {
        Calls = calls;
        _billed = billed;
        Orphans = orphans;
        Receipts = receipts;
    }

    /// <summary>The fetched calls, de-duplicated, in fetch order.</summary>
    public List<UsageEvent> Calls { get; }

    /// <summary>The receipts that joined no fetched call, in fetch order, with their billed amounts.</summary>
    public List<JoinedOrphan> Orphans { get; }

    /// <summary>Every fetched receipt, joined or not.</summary>
    public IReadOnlyList<ReceiptRecord> Receipts { get; }

    /// <summary>Joins <paramref name="calls"/> and <paramref name="receipts"/>, pricing credits at <paramref name="creditsPerUsd"/>.</summary>
    public static CallReceiptJoin Create(IReadOnlyList<UsageEvent> calls, IReadOnlyList<ReceiptRecord> receipts, long creditsPerUsd)
    {
        // De-duplicate by non-empty call id, first wins; every call with an empty id is its own call.
        var unique = new List<UsageEvent>(calls.Count);
        var seen = new HashSet<string>(calls.Count, StringComparer.Ordinal);
        foreach (var call in calls)
        {
            if (call.CallId.Length == 0 || seen.Add(call.CallId))
            {
                unique.Add(call);
            }
        }

        // Receipts join by id (never by time); an empty id never joins, not even to an empty call id.
        var billed = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var orphans = new List<JoinedOrphan>();
        foreach (var receipt in receipts)
        {
            var amount = receipt.BilledUsd(creditsPerUsd);
            var callId = receipt.LitellmCallId;
            if (!string.IsNullOrEmpty(callId) && seen.Contains(callId))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(billed, callId, out _) += amount;
            }
            else
            {
                orphans.Add(new JoinedOrphan(receipt, amount));
            }
        }

        return new CallReceiptJoin(unique, billed, orphans, receipts);
    }

    /// <summary>What <paramref name="call"/> was billed (its receipts added up), or null when it has no receipt.</summary>
    public decimal? BilledOf(UsageEvent call) =>
        call.CallId.Length > 0 && _billed.TryGetValue(call.CallId, out var amount) ? amount : null;
}

/// <summary>A receipt that joined no fetched call, with its billed USD amount.</summary>
internal sealed record JoinedOrphan(ReceiptRecord Receipt, decimal Amount)
{
    /// <summary>When the receipt was written: it counts in the bucket of this instant.</summary>
    public DateTimeOffset CreatedAt => Receipt.CreatedAt;
}
