using System.Globalization;
using System.Text;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Reconciliation;
using NodaTime;

namespace ActivityDashboard.Endpoints;

/// <summary>
/// Writes a <see cref="ReconciliationReport"/> as CSV, in the format of <see cref="ActivityCsv"/> (RFC 4180, CRLF,
/// <c># </c> comment lines, exact invariant money, formula neutralisation of text from LiteLLM or receipts): header
/// lines naming the account(s), range, preset, zone, step, markup and tolerance, then the sections
/// <c># findings</c>, <c># buckets</c> and <c># markup</c>, each after a header row.
/// </summary>
internal static class ReconciliationCsv
{
    /// <summary>The download's name: <c>reconciliation-&lt;account or all&gt;-&lt;from&gt;-&lt;to&gt;.csv</c>.</summary>
    public static string FileName(ReconciliationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);

        return ActivityCsv.FileName("reconciliation", report.AccountId ?? "all", report.From, report.To);
    }

    public static async Task WriteAsync(TextWriter writer, ReconciliationReport report, ReconciliationFindingKind? kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);

        const string NewLine = ActivityCsv.NewLine;
        var zone = DateTimeZoneProviders.Tzdb[report.TimeZoneId];
        await writer.WriteAsync("# ActivityDashboard reconciliation export" + NewLine);
        await writer.WriteAsync("# account: " + (report.AccountId ?? "all") + NewLine);
        await writer.WriteAsync("# accounts: " + string.Join(' ', report.Accounts) + NewLine);
        await writer.WriteAsync("# from: " + ActivityCsv.Utc(report.From) + NewLine);
        await writer.WriteAsync("# to: " + ActivityCsv.Utc(report.To) + NewLine);
        await writer.WriteAsync("# preset: " + (report.Preset?.Code ?? "none") + NewLine);
        await writer.WriteAsync("# zone: " + report.TimeZoneId + NewLine);
        await writer.WriteAsync("# step: " + report.Step.Code + NewLine);
        await writer.WriteAsync("# markup: " + MoneyFormatter.FormatInvariant(report.Markup) + NewLine);
        await writer.WriteAsync("# tolerance: " + MoneyFormatter.FormatInvariant(report.Tolerance) + NewLine);
        await writer.WriteAsync("# kind: " + (kind is { } only ? ReconciliationResponseMapper.KindName(only) : "all") + NewLine);

        await writer.WriteAsync("# findings" + NewLine);
        await writer.WriteAsync("kind,account,time,time_utc,call_id,model,billed,provider_cost,expected,difference,receipts" + NewLine);
        var written = 0;
        foreach (var finding in report.Findings)
        {
            await writer.WriteAsync(FindingLine(finding, zone));
            if (++written % ActivityCsv.FlushEveryRows == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.WriteAsync("# buckets" + NewLine);
        await writer.WriteAsync(
            "start,end,partial,requests,spend,provider_cost,unbilled_calls,unbilled_provider_cost,orphan_receipts,orphan_spend,mismatches,mismatch_difference"
            + NewLine);
        foreach (var bucket in report.Buckets)
        {
            await writer.WriteAsync(BucketLine(bucket));
        }

        await writer.WriteAsync("# markup" + NewLine);
        await writer.WriteAsync("bin,from,to,calls" + NewLine);
        foreach (var bin in report.MarkupBins)
        {
            await writer.WriteAsync(string.Join(
                ',',
                ActivityCsv.Text(bin.Label),
                Money(bin.From),
                Money(bin.To),
                bin.Count.ToString(CultureInfo.InvariantCulture)) + NewLine);
        }

        await writer.WriteAsync("no provider cost,,," + report.WithoutProviderCost.ToString(CultureInfo.InvariantCulture) + NewLine);
        await writer.FlushAsync(cancellationToken);
    }

    private static string FindingLine(ReconciliationFinding finding, DateTimeZone zone) =>
        new StringBuilder(200)
            .Append(ReconciliationResponseMapper.KindName(finding.Kind)).Append(',')
            .Append(ActivityCsv.Text(finding.AccountId)).Append(',')
            .Append(ActivityResponseMapper.InZone(finding.At, zone).ToString(ActivityCsv.LocalTimeFormat, CultureInfo.InvariantCulture)).Append(',')
            .Append(ActivityCsv.Utc(finding.At)).Append(',')
            .Append(ActivityCsv.Text(finding.CallId ?? "")).Append(',')
            .Append(ActivityCsv.Text(finding.Model ?? "")).Append(',')
            .Append(Money(finding.Billed)).Append(',')
            .Append(Money(finding.ProviderCost)).Append(',')
            .Append(Money(finding.Expected)).Append(',')
            .Append(Money(finding.Difference)).Append(',')
            .Append(ActivityCsv.Text(string.Join(' ', finding.ReceiptReferences)))
            .Append(ActivityCsv.NewLine)
            .ToString();

    private static string BucketLine(ReconciliationBucket bucket)
    {
        var c = bucket.Counts;

        return string.Join(
            ',',
            bucket.Start.ToString(ActivityCsv.LocalTimeFormat, CultureInfo.InvariantCulture),
            bucket.End.ToString(ActivityCsv.LocalTimeFormat, CultureInfo.InvariantCulture),
            bucket.Partial ? "true" : "false",
            c.Requests.ToString(CultureInfo.InvariantCulture),
            MoneyFormatter.FormatInvariant(c.Spend),
            MoneyFormatter.FormatInvariant(c.ProviderCost),
            c.UnbilledCalls.ToString(CultureInfo.InvariantCulture),
            MoneyFormatter.FormatInvariant(c.UnbilledProviderCost),
            c.OrphanReceipts.ToString(CultureInfo.InvariantCulture),
            MoneyFormatter.FormatInvariant(c.OrphanSpend),
            c.Mismatches.ToString(CultureInfo.InvariantCulture),
            MoneyFormatter.FormatInvariant(c.MismatchDifference)) + ActivityCsv.NewLine;
    }

    private static string Money(decimal? amount) => amount is { } value ? MoneyFormatter.FormatInvariant(value) : "";
}
