namespace ActivityDashboard.Endpoints;

// The JSON shape of GET /api/v1/admin/reconciliation. Money travels as strings holding the exact decimal, as on
// /api/v1/activity; instants carry the offset of the requested zone.

/// <summary>The response of <c>GET /api/v1/admin/reconciliation</c>.</summary>
public sealed record ReconciliationResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    string Step,
    string? Account,
    IReadOnlyList<string> Accounts,
    string Markup,
    string Tolerance,
    IReadOnlyList<ReconciliationBucketResponse> Buckets,
    ReconciliationCountsResponse Totals,
    MarkupDistributionResponse MarkupDistribution,
    IReadOnlyList<ReconciliationFindingResponse> Findings);

/// <summary>One bucket of the reconciliation.</summary>
public sealed record ReconciliationBucketResponse(
    DateTimeOffset Start,
    DateTimeOffset End,
    bool Partial,
    ReconciliationCountsResponse Counts);

/// <summary>The numbers of a bucket or of the range; requests, spend and provider cost equal /api/v1/activity's.</summary>
public sealed record ReconciliationCountsResponse(
    long Requests,
    string Spend,
    string ProviderCost,
    int UnbilledCalls,
    string UnbilledProviderCost,
    int OrphanReceipts,
    string OrphanSpend,
    int Mismatches,
    string MismatchDifference);

/// <summary>The realised markup (billed ÷ provider cost) of the billed calls, in fixed bins.</summary>
public sealed record MarkupDistributionResponse(IReadOnlyList<MarkupBinResponse> Bins, int WithoutProviderCost);

/// <summary>One bin: <c>from</c> inclusive, <c>to</c> exclusive, null where open.</summary>
public sealed record MarkupBinResponse(string Label, string? From, string? To, int Count);

/// <summary>
/// One finding: <c>kind</c> is <c>unbilled_call</c>, <c>orphan_receipt</c> or <c>amount_mismatch</c>; <c>at</c> is
/// the call's start (the orphan receipt's creation).
/// </summary>
public sealed record ReconciliationFindingResponse(
    string Kind,
    string Account,
    DateTimeOffset At,
    string? CallId,
    string? Model,
    string? Billed,
    string? ProviderCost,
    string? Expected,
    string? Difference,
    IReadOnlyList<string> Receipts);
