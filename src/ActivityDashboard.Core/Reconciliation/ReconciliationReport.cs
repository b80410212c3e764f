using ActivityDashboard.Core.Activity;

namespace ActivityDashboard.Core.Reconciliation;

/// <summary>The reconciliation of one account, or of every known account, over one window.</summary>
/// <param name="From">Inclusive start (UTC).</param>
/// <param name="To">Exclusive end (UTC).</param>
/// <param name="Step">The bucket width.</param>
/// <param name="TimeZoneId">The zone whose wall clock the buckets follow.</param>
/// <param name="Preset">The preset the window was resolved from, or null for a custom range.</param>
/// <param name="AccountId">The account reconciled; null when every known account was.</param>
/// <param name="Accounts">The accounts reconciled, in ordinal order.</param>
/// <param name="Markup">The configured markup (<c>Billing:Markup</c>) the amounts were checked against.</param>
/// <param name="Tolerance">The configured tolerance (<c>Billing:MismatchTolerance</c>) in USD.</param>
/// <param name="Buckets">The buckets, in time order.</param>
/// <param name="Totals">The buckets added up.</param>
/// <param name="MarkupBins">The realised-markup distribution, in the fixed bins of <see cref="MarkupBins"/>.</param>
/// <param name="WithoutProviderCost">Billed calls whose provider cost is zero, which have no realised markup.</param>
/// <param name="Findings">Every finding in the window, newest first.</param>
public sealed record ReconciliationReport(
    DateTimeOffset From,
    DateTimeOffset To,
    BucketStep Step,
    string TimeZoneId,
    RangePreset? Preset,
    string? AccountId,
    IReadOnlyList<string> Accounts,
    decimal Markup,
    decimal Tolerance,
    IReadOnlyList<ReconciliationBucket> Buckets,
    ReconciliationCounts Totals,
    IReadOnlyList<MarkupBin> MarkupBins,
    int WithoutProviderCost,
    IReadOnlyList<ReconciliationFinding> Findings);
