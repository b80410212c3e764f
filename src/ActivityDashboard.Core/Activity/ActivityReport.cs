namespace ActivityDashboard.Core.Activity;

/// <summary>
/// The answer to an <see cref="ActivityQuery"/>: buckets, breakdown, totals, orphan receipts and one page of rows.
/// Money is billed USD unless a member says provider cost.
/// </summary>
public sealed record ActivityReport(
    ActivityQuery Query,
    IReadOnlyList<ActivityBucket> Buckets,
    IReadOnlyList<ActivityGroup> Groups,
    ActivityTotals Totals,
    OrphanReceipts OrphanReceipts,
    IReadOnlyList<ActivityRow> Rows,
    int TotalRows,
    int? NextOffset);

/// <summary>
/// One bucket <c>[Start, End)</c> on the viewer's wall-clock grid. <see cref="Start"/> and <see cref="End"/> carry the
/// zone's offset at that instant. <see cref="Partial"/> marks a first or last bucket cut by the range.
/// </summary>
public sealed record ActivityBucket(
    DateTimeOffset Start,
    DateTimeOffset End,
    bool Partial,
    long Requests,
    long TokensIn,
    long TokensOut,
    decimal Spend,
    decimal ProviderCost);

/// <summary>One breakdown group (a model, a provider, <c>Other</c>) with its buckets on the same grid.</summary>
public sealed record ActivityGroup(string Key, IReadOnlyList<ActivityBucket> Buckets)
{
    /// <summary>The group the groups after the top five fold into.</summary>
    public const string OtherKey = "Other";

    /// <summary>The group of orphan receipts, which have no model or provider, so that the groups add up to the totals.</summary>
    public const string UnattributedKey = "Unattributed";
}

/// <summary>Four metrics over some window.</summary>
public sealed record ActivityMetrics(long Requests, long TokensIn, long TokensOut, decimal Spend);

/// <summary>The four metrics divided by a number of days.</summary>
public sealed record ActivityAverages(decimal Requests, decimal TokensIn, decimal TokensOut, decimal Spend);

/// <summary>Change in percent against the previous period; each null when its previous value is 0.</summary>
public sealed record ActivityChange(decimal? Requests, decimal? TokensIn, decimal? TokensOut, decimal? Spend);

/// <summary>Headline totals. <see cref="Current"/> equals the sum of the buckets exactly.</summary>
public sealed record ActivityTotals(
    ActivityMetrics Current,
    decimal ProviderCost,
    ActivityAverages? AvgPerDay,
    ActivityMetrics Previous,
    ActivityChange Change);

/// <summary>Receipts with no LiteLLM row at all, counted in the bucket of their <c>created_at</c>.</summary>
public sealed record OrphanReceipts(int Count, decimal Spend);

/// <summary>One request of the request table.</summary>
/// <param name="Billed">The sum of the call's receipts; null when it has none (shown "—", never zero).</param>
/// <param name="TokensPerSecond">Output tokens over the time from first token to end; null when not measurable.</param>
public sealed record ActivityRow(
    string CallId,
    DateTimeOffset StartTime,
    string Model,
    string Provider,
    long TokensIn,
    long TokensOut,
    decimal? Billed,
    decimal ProviderCost,
    long? DurationMs,
    double? TokensPerSecond,
    UsageStatus Status);
