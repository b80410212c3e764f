using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Reconciliation;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Core.Services;
using NodaTime;
using static ActivityDashboard.Tests.Core.Services.ActivityTestData;

namespace ActivityDashboard.Tests.Core.Services;

public sealed class ReconciliationCalculatorTests
{
    private const decimal Markup = 1.2m;
    private const decimal Tolerance = 0.000001m;
    private const long CreditsPerUsd = 10_000_000;

    [Theory]
    [InlineData("1.200001", false)]
    [InlineData("1.199999", false)]
    [InlineData("1.2000011", true)]
    [InlineData("1.1999989", true)]
    public void Calculate_DifferenceAgainstTolerance_FlagsOnlyBeyondIt(string billed, bool mismatch)
    {
        var call = Call("call-edge", "2026-09-06T10:00:00Z", providerCost: 1m);

        var report = Reconcile([call], [ReceiptFor(call, decimal.Parse(billed, System.Globalization.CultureInfo.InvariantCulture))]);

        report.Findings.Any(f => f.Kind == ReconciliationFindingKind.AmountMismatch).Should().Be(mismatch);
        report.Totals.Mismatches.Should().Be(mismatch ? 1 : 0);
    }

    [Fact]
    public void Calculate_ReceiptInWholeCredits_IsNoMismatch()
    {
        // 0.0000123 × 1.2 = 0.00001476, kept as 148 credits = 0.0000148: half a credit off at most.
        var call = Call("call-credits", "2026-09-06T10:00:00Z", providerCost: 0.0000123m);

        var report = Reconcile([call], [new ReceiptRecord(call.CallId, call.StartTime.AddSeconds(1), 148, null)]);

        report.Findings.Should().BeEmpty();
        report.MarkupBins.Single(b => b.Label == "1.2").Count.Should().Be(1);
    }

    [Fact]
    public void Calculate_CaseFive_FlagsTheFreeCallBilledAndKeepsEmptyIdsApart()
    {
        // Spec case 05: two calls with an empty id stay two unbilled calls; the receipt with an empty id is an orphan;
        // a call LiteLLM costs at $0 but billed $0.0417 is a mismatch, never free.
        var calls = new[]
        {
            Call("chatcmpl-111", "2026-09-06T10:05:00Z", providerCost: 0.10m),
            Call("", "2026-09-06T10:10:00Z", providerCost: 0.20m),
            Call("", "2026-09-06T10:15:00Z", providerCost: 0.30m),
            Call("chatcmpl-444", "2026-09-06T10:20:00Z", providerCost: 0m),
        };
        var receipts = new[]
        {
            Receipt("chatcmpl-111", "2026-09-06T10:05:02Z", 0.12m),
            Receipt("", "2026-09-06T10:10:02Z", 0.20m),
            Receipt("chatcmpl-444", "2026-09-06T10:20:03Z", 0.0417m),
            Receipt("chatcmpl-999", "2026-09-06T10:30:00Z", 0.05m),
        };

        var report = Reconcile(calls, receipts);

        report.Findings.Select(f => (f.Kind, f.CallId)).Should().Equal(
            (ReconciliationFindingKind.OrphanReceipt, "chatcmpl-999"),
            (ReconciliationFindingKind.AmountMismatch, "chatcmpl-444"),
            (ReconciliationFindingKind.UnbilledCall, ""),
            (ReconciliationFindingKind.OrphanReceipt, null),
            (ReconciliationFindingKind.UnbilledCall, ""));
        report.Findings[1].Difference.Should().Be(0.0417m);
        report.Totals.Requests.Should().Be(4);
        report.Totals.Spend.Should().Be(0.4117m, "0.12 + 0.0417 joined and 0.25 in orphans, each receipt once");
        report.Totals.UnbilledProviderCost.Should().Be(0.50m);
        report.WithoutProviderCost.Should().Be(1);
        report.MarkupBins.Single(b => b.Label == "1.2").Count.Should().Be(1);
    }

    [Fact]
    public void Calculate_FailedCall_IsUnbilledOnlyWhenItCostSomething()
    {
        var calls = new[]
        {
            Call("call-failed-free", "2026-09-06T10:00:00Z", providerCost: 0m, status: UsageStatus.Failure),
            Call("call-failed-costly", "2026-09-06T10:01:00Z", providerCost: 0.3m, status: UsageStatus.Failure),
        };

        var report = Reconcile(calls, []);

        report.Findings.Select(f => f.CallId).Should().Equal("call-failed-costly");
    }

    [Fact]
    public void Calculate_ChargeAndAdjustment_AddUpBeforeTheCheck()
    {
        var call = Call("call-adjusted", "2026-09-06T10:00:00Z", providerCost: 0.5m);

        var report = Reconcile([call], [ReceiptFor(call, 0.42m), ReceiptFor(call, 0.18m)]);

        report.Findings.Should().BeEmpty("0.42 + 0.18 is 0.5 × 1.2");
    }

    [Theory]
    [InlineData("0.9499", "< 0.95")]
    [InlineData("0.95", "1.0")]
    [InlineData("1.1499", "1.1")]
    [InlineData("1.15", "1.2")]
    [InlineData("1.2", "1.2")]
    [InlineData("1.2499", "1.2")]
    [InlineData("2.0499", "2.0")]
    [InlineData("2.05", "≥ 2.05")]
    [InlineData("1000", "≥ 2.05")]
    public void MarkupBins_IndexOf_PutsTheMarkupInItsBin(string markup, string label)
    {
        var index = MarkupBins.IndexOf(decimal.Parse(markup, System.Globalization.CultureInfo.InvariantCulture));

        MarkupBins.Empty[index].Label.Should().Be(label);
    }

    [Fact]
    public void Merge_TwoAccounts_AddsBucketsBinsAndFindingsUp()
    {
        var a = Call("call-a", "2026-09-06T10:00:00Z", providerCost: 1m);
        var b = Call("call-b", "2026-09-06T11:00:00Z", providerCost: 2m);
        var one = Reconcile([a], [ReceiptFor(a, 1.2m)], account: "acct-a");
        var two = Reconcile([b], [], account: "acct-b");

        var merged = ReconciliationCalculator.Merge([one, two], accountId: null);

        merged.AccountId.Should().BeNull();
        merged.Accounts.Should().Equal("acct-a", "acct-b");
        merged.Totals.Requests.Should().Be(2);
        merged.Totals.ProviderCost.Should().Be(3m);
        merged.Totals.Spend.Should().Be(1.2m);
        merged.Buckets.Sum(x => x.Counts.UnbilledCalls).Should().Be(1);
        merged.Buckets.Select(x => x.Counts).Aggregate(ReconciliationCounts.Zero, ReconciliationCounts.Add).Should().Be(merged.Totals);
        merged.Findings.Should().ContainSingle().Which.AccountId.Should().Be("acct-b");
        merged.MarkupBins.Sum(x => x.Count).Should().Be(1);
    }

    private static ReconciliationReport Reconcile(
        IReadOnlyList<UsageEvent> calls,
        IReadOnlyList<ReceiptRecord> receipts,
        string account = "acct-recon")
    {
        var query = Query("2026-09-06T00:00:00Z", "2026-09-07T00:00:00Z", BucketStep.OneHour) with { AccountId = account };
        var joined = CallReceiptJoin.Create(calls, receipts, CreditsPerUsd);

        return ReconciliationCalculator.Calculate(query, DateTimeZone.Utc, joined, Markup, Tolerance);
    }
}
