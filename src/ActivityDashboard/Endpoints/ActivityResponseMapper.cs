using ActivityDashboard.Core.Activity;
using NodaTime;

namespace ActivityDashboard.Endpoints;

/// <summary>Maps the service's report to the API's JSON shape.</summary>
internal static class ActivityResponseMapper
{
    /// <summary>Maps the report; provider cost is written only when <paramref name="includeProviderCost"/> (operators).</summary>
    public static ActivityResponse ToResponse(this ActivityReport report, string? nextCursor, bool includeProviderCost)
    {
        var zone = DateTimeZoneProviders.Tzdb[report.Query.TimeZoneId];
        var totals = report.Totals;
        var averages = totals.AvgPerDay;

        return new ActivityResponse(
            report.Query.From,
            report.Query.To,
            report.Query.TimeZoneId,
            report.Query.Step.Code,
            report.Buckets.Select(b => ToResponse(b, includeProviderCost)).ToList(),
            report.Groups.Select(g => new GroupResponse(g.Key, g.Buckets.Select(b => ToResponse(b, includeProviderCost)).ToList())).ToList(),
            new TotalsResponse(
                totals.Current.Requests,
                totals.Current.TokensIn,
                totals.Current.TokensOut,
                MoneyFormatter.FormatInvariant(totals.Current.Spend),
                averages is null
                    ? null
                    : new AveragesResponse(
                        averages.Requests,
                        averages.TokensIn,
                        averages.TokensOut,
                        MoneyFormatter.FormatInvariant(averages.Spend)),
                ToResponse(totals.Previous),
                new ChangeResponse(totals.Change.Requests, totals.Change.TokensIn, totals.Change.TokensOut, totals.Change.Spend),
                ProviderCost(totals.ProviderCost, includeProviderCost)),
            new OrphanReceiptsResponse(report.OrphanReceipts.Count, MoneyFormatter.FormatInvariant(report.OrphanReceipts.Spend)),
            report.Rows.Select(r => ToResponse(r, zone, includeProviderCost)).ToList(),
            nextCursor);
    }

    private static BucketResponse ToResponse(ActivityBucket bucket, bool includeProviderCost) =>
        new(
            bucket.Start,
            bucket.End,
            bucket.Partial,
            bucket.Requests,
            bucket.TokensIn,
            bucket.TokensOut,
            MoneyFormatter.FormatInvariant(bucket.Spend),
            ProviderCost(bucket.ProviderCost, includeProviderCost));

    private static MetricsResponse ToResponse(ActivityMetrics metrics) =>
        new(metrics.Requests, metrics.TokensIn, metrics.TokensOut, MoneyFormatter.FormatInvariant(metrics.Spend));

    private static RowResponse ToResponse(ActivityRow row, DateTimeZone zone, bool includeProviderCost) =>
        new(
            row.CallId,
            InZone(row.StartTime, zone),
            row.Model,
            row.Provider,
            row.TokensIn,
            row.TokensOut,
            row.Billed is { } billed ? MoneyFormatter.FormatInvariant(billed) : null,
            row.DurationMs,
            row.TokensPerSecond,
            row.Status == UsageStatus.Failure ? "failure" : "success",
            ProviderCost(row.ProviderCost, includeProviderCost));

    private static string? ProviderCost(decimal amount, bool include) => include ? MoneyFormatter.FormatInvariant(amount) : null;

    /// <summary>The same instant, written with the viewer's zone offset at that instant.</summary>
    public static DateTimeOffset InZone(DateTimeOffset instant, DateTimeZone zone) =>
        instant.ToOffset(zone.GetUtcOffset(Instant.FromDateTimeOffset(instant)).ToTimeSpan());
}
