using System.Text.Json.Serialization;

namespace ActivityDashboard.Endpoints;

// The JSON shape of GET /api/v1/activity (spec section 6). Money travels as strings holding the exact decimal,
// culture-invariant ("0.001023"), so no client ever parses it through a double. ProviderCost is set for operators only;
// for everyone else it is null and left out of the JSON altogether.

/// <summary>The response of <c>GET /api/v1/activity</c>.</summary>
public sealed record ActivityResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    string Step,
    IReadOnlyList<BucketResponse> Buckets,
    IReadOnlyList<GroupResponse> Groups,
    TotalsResponse Totals,
    OrphanReceiptsResponse OrphanReceipts,
    IReadOnlyList<RowResponse> Rows,
    string? NextCursor);

/// <summary>One bucket; start and end carry the zone's offset.</summary>
public sealed record BucketResponse(
    DateTimeOffset Start,
    DateTimeOffset End,
    bool Partial,
    long Requests,
    long TokensIn,
    long TokensOut,
    string Spend,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ProviderCost = null);

/// <summary>One breakdown group.</summary>
public sealed record GroupResponse(string Key, IReadOnlyList<BucketResponse> Buckets);

/// <summary>Four metrics.</summary>
public sealed record MetricsResponse(long Requests, long TokensIn, long TokensOut, string Spend);

/// <summary>Four metrics per day.</summary>
public sealed record AveragesResponse(decimal Requests, decimal TokensIn, decimal TokensOut, string Spend);

/// <summary>Change in percent; null when the previous value is 0.</summary>
public sealed record ChangeResponse(decimal? Requests, decimal? TokensIn, decimal? TokensOut, decimal? Spend);

/// <summary>Headline totals.</summary>
public sealed record TotalsResponse(
    long Requests,
    long TokensIn,
    long TokensOut,
    string Spend,
    AveragesResponse? AvgPerDay,
    MetricsResponse Previous,
    ChangeResponse Change,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ProviderCost = null);

/// <summary>Receipts with no LiteLLM row.</summary>
public sealed record OrphanReceiptsResponse(int Count, string Spend);

/// <summary>One request; <c>billed</c> is null when the call has no receipt.</summary>
public sealed record RowResponse(
    string CallId,
    DateTimeOffset StartTime,
    string Model,
    string Provider,
    long TokensIn,
    long TokensOut,
    string? Billed,
    long? DurationMs,
    double? TokensPerSecond,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ProviderCost = null);
