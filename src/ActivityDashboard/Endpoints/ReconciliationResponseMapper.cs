using System.Diagnostics.CodeAnalysis;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Reconciliation;
using NodaTime;

namespace ActivityDashboard.Endpoints;

/// <summary>Maps a <see cref="ReconciliationReport"/> to its JSON shape.</summary>
internal static class ReconciliationResponseMapper
{
    public static ReconciliationResponse ToResponse(this ReconciliationReport report)
    {
        var zone = DateTimeZoneProviders.Tzdb[report.TimeZoneId];

        return new ReconciliationResponse(
            ActivityResponseMapper.InZone(report.From, zone),
            ActivityResponseMapper.InZone(report.To, zone),
            report.TimeZoneId,
            report.Step.Code,
            report.AccountId,
            report.Accounts,
            MoneyFormatter.FormatInvariant(report.Markup),
            MoneyFormatter.FormatInvariant(report.Tolerance),
            [.. report.Buckets.Select(b => new ReconciliationBucketResponse(b.Start, b.End, b.Partial, ToResponse(b.Counts)))],
            ToResponse(report.Totals),
            new MarkupDistributionResponse(
                [.. report.MarkupBins.Select(b => new MarkupBinResponse(b.Label, Money(b.From), Money(b.To), b.Count))],
                report.WithoutProviderCost),
            [.. report.Findings.Select(f => ToResponse(f, zone))]);
    }

    /// <summary>The reason of a 400 for a <c>kind</c> that names no finding kind.</summary>
    public const string InvalidKind = "invalid_kind";

    /// <summary>The finding kinds as the API, the export and the page's address spell them.</summary>
    public static readonly IReadOnlyList<ReconciliationFindingKind> Kinds =
        [ReconciliationFindingKind.UnbilledCall, ReconciliationFindingKind.OrphanReceipt, ReconciliationFindingKind.AmountMismatch];

    /// <summary>
    /// Reads a <c>kind</c> filter: absent or empty means every kind (<paramref name="kind"/> null); otherwise one of
    /// <c>unbilled_call</c>, <c>orphan_receipt</c>, <c>amount_mismatch</c> in any case, like the other names in a query,
    /// or a false return with the error to show.
    /// </summary>
    public static bool TryParseKind(string? value, out ReconciliationFindingKind? kind, [NotNullWhen(false)] out ActivityQueryError? error)
    {
        kind = null;
        error = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        foreach (var candidate in Kinds)
        {
            if (string.Equals(KindName(candidate), value, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        error = new ActivityQueryError(
            InvalidKind,
            $"The kind '{value}' is not a finding kind: use one of {string.Join(", ", Kinds.Select(KindName))}, or leave it out for every kind.");

        return false;
    }

    /// <summary>The report with only the findings of <paramref name="kind"/> (all of them when null); totals unchanged.</summary>
    public static ReconciliationReport WithFindingsOf(this ReconciliationReport report, ReconciliationFindingKind? kind) =>
        kind is { } only ? report with { Findings = [.. report.Findings.Where(f => f.Kind == only)] } : report;

    /// <summary>The machine name of a finding's kind, as in the API and the CSV.</summary>
    public static string KindName(ReconciliationFindingKind kind) => kind switch
    {
        ReconciliationFindingKind.UnbilledCall => "unbilled_call",
        ReconciliationFindingKind.OrphanReceipt => "orphan_receipt",
        _ => "amount_mismatch",
    };

    private static ReconciliationCountsResponse ToResponse(ReconciliationCounts counts) => new(
        counts.Requests,
        MoneyFormatter.FormatInvariant(counts.Spend),
        MoneyFormatter.FormatInvariant(counts.ProviderCost),
        counts.UnbilledCalls,
        MoneyFormatter.FormatInvariant(counts.UnbilledProviderCost),
        counts.OrphanReceipts,
        MoneyFormatter.FormatInvariant(counts.OrphanSpend),
        counts.Mismatches,
        MoneyFormatter.FormatInvariant(counts.MismatchDifference));

    private static ReconciliationFindingResponse ToResponse(ReconciliationFinding finding, DateTimeZone zone) => new(
        KindName(finding.Kind),
        finding.AccountId,
        ActivityResponseMapper.InZone(finding.At, zone),
        finding.CallId,
        finding.Model,
        Money(finding.Billed),
        Money(finding.ProviderCost),
        Money(finding.Expected),
        Money(finding.Difference),
        finding.ReceiptReferences);

    private static string? Money(decimal? amount) => amount is { } value ? MoneyFormatter.FormatInvariant(value) : null;
}
