using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Services;
using NodaTime;
using static ActivityDashboard.Tests.Core.Services.ActivityTestData;

namespace ActivityDashboard.Tests.Core.Services;

public sealed class ActivityCalculatorExportTests
{
    [Fact]
    public void CalculateExport_ManyCalls_ListsEveryWindowRowInTheTablesOrder()
    {
        var query = Query("2026-04-01T00:00:00Z", "2026-04-02T00:00:00Z", BucketStep.OneHour, limit: 7);
        var calls = new List<UsageEvent>
        {
            Call("before-window", "2026-03-31T23:59:59Z"),
            Call("b", "2026-04-01T12:00:00Z"),
            Call("a", "2026-04-01T12:00:00Z"),
            Call("", "2026-04-01T12:00:00Z"),
            Call("dup", "2026-04-01T08:00:00Z", tokensIn: 1),
            Call("dup", "2026-04-01T09:00:00Z", tokensIn: 2),
            Call("at-to", "2026-04-02T00:00:00Z"),
        };
        calls.AddRange(Enumerable.Range(0, 40).Select(i => Call($"n{i:D2}", $"2026-04-01T{i % 24:D2}:{i:D2}:00Z")));
        var receipts = new[] { ReceiptFor(calls[1], 0.25m), Receipt("orphan", "2026-04-01T03:00:00Z", 1m) };

        var export = ActivityCalculator.CalculateExport(query, DateTimeZoneProviders.Tzdb["UTC"], calls, receipts, CreditsPerUsd);

        var paged = new List<string>();
        for (var offset = 0; offset < export.Report.TotalRows; offset += query.Limit)
        {
            paged.AddRange(Report(query with { Offset = offset }, calls, receipts).Rows.Select(r => r.CallId));
        }

        var rows = export.Rows.ToList();
        rows.Should().HaveCount(export.Report.TotalRows).And.HaveCount(44, "40 + a, b, the empty id and the first 'dup'");
        rows.Select(r => r.CallId).Should().Equal(paged, "the export lists what paging through the table lists, in order");
        rows.Select(r => r.CallId).Should().NotContain(["before-window", "at-to"]);
        rows.Single(r => r.CallId == "dup").TokensIn.Should().Be(1, "the first of a duplicated id wins, as in the totals");
        rows.Single(r => r.CallId == "b").Billed.Should().Be(0.25m);
        rows.Single(r => r.CallId == "a").Billed.Should().BeNull();
        rows.Where(r => r.Billed is not null).Sum(r => r.Billed!.Value).Should().Be(
            export.Report.Totals.Current.Spend - export.Report.OrphanReceipts.Spend);
    }
}
