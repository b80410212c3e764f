using System.Globalization;
using System.Security.Claims;
using ActivityDashboard.Components.Pages.Admin;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Core.Services;
using ActivityDashboard.Model;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ActivityDashboard.Tests.Components.Pages.Admin;

/// <summary>
/// <c>/admin/reconciliation</c> with bUnit over the real services, the fake usage source and a real PostgreSQL:
/// operators get the totals, the buckets with their drill-in links, the markup distribution and the findings;
/// everyone else a message and nothing read.
/// </summary>
public sealed class ReconciliationPageTests : DashboardTestContext, IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 8, 20, 14, 0, 0, TimeSpan.Zero);

    public ReconciliationPageTests(PostgresDatabase database)
        : base(database, s_now)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        Services.AddSingleton<ReconciliationService>();
        Services.AddTransient<ReconciliationViewModel>();
    }

    private string Uri => Services.GetRequiredService<NavigationManager>().Uri;

    [Fact]
    public async Task Render_Operator_ShowsTotalsMarkupAndEveryFinding()
    {
        SignInAsOperator();
        await AddFaultsAsync();

        var cut = RenderPage();
        cut.WaitForElement("[data-testid=loaded-state]");

        cut.Find("[data-testid=account-label]").TextContent.Should().Contain(AccountId);
        cut.Find("[data-testid=card-requests-value]").TextContent.Should().Be("3");
        cut.Find("[data-testid=card-unbilled-value]").TextContent.Should().Be("1");
        cut.Find("[data-testid=card-orphans-value]").TextContent.Should().Be("1");
        cut.Find("[data-testid=card-mismatches-value]").TextContent.Should().Be("1");
        cut.Find("[data-testid=card-mismatches]").TextContent.Should().Contain("+$0.30");
        cut.FindAll("[data-testid=finding-kind]").Select(k => k.TextContent).Should().Equal("Orphan receipt", "Unbilled call", "Amount mismatch");
        cut.FindAll("[data-testid=finding-call]").Select(k => k.TextContent).Should().Equal("chatcmpl-gone", "call-unbilled", "call-overbilled");
        cut.Find("[data-testid=finding-table]").TextContent.Should().Contain("rcpt-page-over").And.Contain("$1.50");
        var bins = cut.FindAll("[data-testid=markup-bin]").Select(r => r.TextContent).ToList();
        bins.Should().ContainSingle(b => b.StartsWith("1.2", StringComparison.Ordinal)).Which.Should().Contain("1");
        bins.Should().ContainSingle(b => b.StartsWith("1.5", StringComparison.Ordinal)).Which.Should().Contain("1");
        cut.Find("[data-testid=export-csv]").GetAttribute("href").Should().Be(
            $"/api/v1/admin/reconciliation/export?from=2026-08-20T13%3A00%3A00Z&to=2026-08-20T14%3A00%3A00Z&range=1h&step=5m&tz=UTC&account={AccountId}");
    }

    [Fact]
    public async Task BucketLinks_Operator_DrillIntoTheBucketsWindowAndItsCalls()
    {
        SignInAsOperator();
        await AddFaultsAsync();

        var cut = RenderPage(range: "24h", step: "6h");
        cut.WaitForElement("[data-testid=loaded-state]");

        var drills = cut.FindAll("[data-testid=bucket-drill]");
        drills.Should().HaveCount(5, "14:00 to 14:00 on a 6-hour grid: 12 (partial), 18, 00, 06, 12 (partial)");
        drills[0].GetAttribute("href").Should().Be(
            $"/admin/reconciliation?from=2026-08-19T14%3A00%3A00Z&to=2026-08-19T18%3A00%3A00Z&tz=UTC&account={AccountId}",
            "a partial bucket drills into the part inside the range");
        drills[^1].GetAttribute("href").Should().Be(
            $"/admin/reconciliation?from=2026-08-20T12%3A00%3A00Z&to=2026-08-20T14%3A00%3A00Z&tz=UTC&account={AccountId}");
        cut.FindAll("[data-testid=bucket-calls]")[^1].GetAttribute("href").Should().Be(
            $"/activity?from=2026-08-20T12%3A00%3A00Z&to=2026-08-20T14%3A00%3A00Z&tz=UTC&account={AccountId}");
        drills.Select(d => d.GetAttribute("aria-label")).Should().OnlyHaveUniqueItems("each link names its own bucket");
        drills[^1].GetAttribute("aria-label")!.PlainSpaces().Should().Be("Findings of the bucket at 8/20/2026 12:00:00 PM UTC");
    }

    [Fact]
    public async Task KindInAddress_Operator_DrillAndExportLinksKeepIt()
    {
        SignInAsOperator();
        await AddFaultsAsync();

        var cut = RenderPage(range: "24h", step: "6h", kind: "orphan_receipt");
        cut.WaitForElement("[data-testid=loaded-state]");

        cut.FindAll("[data-testid=finding-kind]").Select(k => k.TextContent).Should().OnlyContain(k => k == "Orphan receipt").And.NotBeEmpty();
        cut.FindAll("[data-testid=bucket-drill]").Select(a => a.GetAttribute("href")).Should().OnlyContain(h => h!.EndsWith("&kind=orphan_receipt", StringComparison.Ordinal));
        cut.Find("[data-testid=export-csv]").GetAttribute("href").Should().EndWith("&kind=orphan_receipt");
        cut.FindAll("[data-testid=bucket-calls]").Select(a => a.GetAttribute("href")).Should().NotContain(h => h!.Contains("kind=", StringComparison.Ordinal),
            "/activity has no finding kinds");
    }

    [Fact]
    public async Task KindInAddress_NotAKind_NamesTheProblemAndListsNothing()
    {
        SignInAsOperator();
        await AddFaultsAsync();

        var cut = RenderPage(kind: "bogus");
        cut.WaitForElement("[data-testid=loaded-state]");

        cut.Find("[data-testid=invalid-kind]").TextContent.Should().Contain("'bogus'").And.Contain("unbilled_call, orphan_receipt, amount_mismatch");
        cut.FindAll("[data-testid=finding-kind]").Should().BeEmpty();
        cut.Find("[data-testid=export-csv]").GetAttribute("href").Should().NotContain("kind=");
    }

    [Fact]
    public async Task KindFilter_Operator_PutsTheKindInTheAddressAndShowsOnlyThose()
    {
        SignInAsOperator();
        await AddFaultsAsync();
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=loaded-state]");
        var readsBefore = Usage.Calls.Count;

        var filter = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Show");
        await cut.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync("amount_mismatch"));

        Uri.Should().Contain("kind=amount_mismatch");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=finding-kind]").Select(k => k.TextContent).Should().Equal("Amount mismatch"));
        Usage.Calls.Should().HaveCount(readsBefore, "filtering the table reads nothing again");
    }

    [Fact]
    public void Render_NonOperator_ShowsNotAllowedAndReadsNothing()
    {
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "call-hidden-x", at: s_now.AddMinutes(-10), spend: 0.4242m)]);

        var cut = RenderPage();

        cut.WaitForElement("[data-testid=not-allowed-state]").TextContent.Should().Contain("operators only");
        cut.FindAll("[data-testid=loaded-state]").Should().BeEmpty();
        cut.FindAll("[data-testid=account-picker]").Should().BeEmpty();
        cut.Markup.Should().NotContain("call-hidden-x").And.NotContain("0.42");
        Usage.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Render_Loading_ShowsLoadingUntilTheAnswer()
    {
        SignInAsOperator();
        Usage.Delay = TimeSpan.FromSeconds(5);

        var cut = RenderPage();

        cut.WaitForElement("[data-testid=loading-state]");
        cut.FindAll("[data-testid=card-requests-value]").Should().BeEmpty();

        // The fake's delay starts on the fake clock only once the read reaches it (after the account list), so move
        // the clock until the answer arrives rather than guessing when that is.
        for (var i = 0; i < 200 && cut.FindAll("[data-testid=empty-state]").Count == 0; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(50, Xunit.TestContext.Current.CancellationToken);
        }

        cut.WaitForElement("[data-testid=empty-state]");
    }

    [Fact]
    public void Retry_AfterSourceRecovers_ShowsNumbers()
    {
        SignInAsOperator();
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "call-retry", at: s_now.AddMinutes(-10))]);
        Usage.Failure = UsageSourceFailure.Unavailable;

        var cut = RenderPage();
        var error = cut.WaitForElement("[data-testid=error-state]");
        error.TextContent.Should().Contain("usage_source_unavailable");
        cut.FindAll("[data-testid=card-requests-value]").Should().BeEmpty("no numbers when a source fails");

        Usage.Failure = null;
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Retry").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=card-requests-value]").TextContent.Should().Be("1"));
    }

    [Fact]
    public void Render_BadRange_ShowsInvalidInputNamingIt()
    {
        SignInAsOperator();

        var cut = RenderPage(range: "2h");

        cut.WaitForElement("[data-testid=invalid-input-state]").TextContent.Should().Contain("range");
        Usage.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task AccountPicker_Operator_OffersAllAccountsAndPutsTheChoiceInTheAddress()
    {
        SignInAsOperator();
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=empty-state]");

        var picker = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Account");
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(""));

        Uri.Should().NotContain("account=");
        cut.WaitForAssertion(() => cut.Find("[data-testid=account-label]").TextContent.Should().Contain("all accounts"));
    }

    [Fact]
    public async Task Render_SubCentMismatch_ShowsExactAmountsThatAddUp()
    {
        // Billed twice the expected amount, both under two cents: rounding billed to $0.02 would hide the difference.
        SignInAsOperator();
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "call-tiny", at: s_now.AddMinutes(-30), spend: 0.0071608m)]);
        await AddReceiptsAsync(Receipt("call-tiny", s_now.AddMinutes(-29), 0.017186m, "rcpt-tiny"));

        var cut = RenderPage(kind: "amount_mismatch");

        cut.WaitForElement("[data-testid=loaded-state]");
        var row = cut.FindAll("[data-testid=finding-table] tbody tr").Single(r => r.TextContent.Contains("call-tiny", StringComparison.Ordinal));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        cells.Should().ContainInOrder("$0.017186", "$0.0071608", "$0.00859296", "+$0.00859304");
    }

    [Fact]
    public async Task Render_UnrecordedAccount_WarnsAndListsItsCallsAsUnbilled()
    {
        SignInAsOperator();
        await AddFaultsAsync();
        var unrecorded = "acct-" + Guid.NewGuid().ToString("N")[..8];
        Usage.Add(unrecorded, [TestData.UsageEvent(callId: "call-of-nobody", at: s_now.AddMinutes(-10), spend: 0.4m)]);

        var cut = RenderPage(account: unrecorded);

        cut.WaitForElement("[data-testid=loaded-state]");
        cut.Find("[data-testid=unrecorded-account]").TextContent.Should().Contain($"\"{unrecorded}\"");
        cut.Find("[data-testid=card-unbilled-value]").TextContent.Should().Be("1");
        cut.FindAll("[data-testid=finding-call]").Select(k => k.TextContent).Should().Equal("call-of-nobody");
    }

    [Fact]
    public async Task Render_RecordedAccountOrAllAccounts_ShowsNoUnrecordedWarning()
    {
        SignInAsOperator();
        await AddFaultsAsync();

        var cut = RenderPage();
        cut.WaitForElement("[data-testid=loaded-state]");
        cut.FindAll("[data-testid=unrecorded-account]").Should().BeEmpty("receipts name this account");

        var picker = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Account");
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(""));

        cut.WaitForAssertion(() => cut.Find("[data-testid=account-label]").TextContent.Should().Contain("all accounts"));
        cut.FindAll("[data-testid=unrecorded-account]").Should().BeEmpty();
    }

    private void SignInAsOperator()
    {
        Authorization.SetRoles(DashboardRoles.Operator);
        Authorization.SetClaims(new Claim(DashboardClaimTypes.BillingAccount, AccountId));
    }

    // One call billed right (1.2), one billed 1.5 times its cost, one unbilled, and an orphan receipt.
    private async Task AddFaultsAsync()
    {
        Usage.Add(AccountId,
        [
            TestData.UsageEvent(callId: "call-right", at: s_now.AddMinutes(-50), spend: 1m),
            TestData.UsageEvent(callId: "call-overbilled", at: s_now.AddMinutes(-40), spend: 1m),
            TestData.UsageEvent(callId: "call-unbilled", at: s_now.AddMinutes(-30), spend: 1m),
        ]);
        await AddReceiptsAsync(
            Receipt("call-right", s_now.AddMinutes(-49), 1.2m, "rcpt-page-right"),
            Receipt("call-overbilled", s_now.AddMinutes(-39), 1.5m, "rcpt-page-over"),
            Receipt("chatcmpl-gone", s_now.AddMinutes(-20), 0.05m, "rcpt-page-orphan"));
    }

    private ChargeReceipt Receipt(string callId, DateTimeOffset createdAt, decimal usd, string reference)
    {
        var receipt = TestData.ChargeReceipt(accountId: AccountId, callId: callId, createdAt: createdAt, responseCostUsd: usd);
        receipt.SourceReference = reference + "-" + AccountId;

        return receipt;
    }

    private IRenderedComponent<Reconciliation> RenderPage(string range = "1h", string? step = null, string? kind = null, string? account = null)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameters("/admin/reconciliation", new Dictionary<string, object?>
        {
            ["range"] = range,
            ["step"] = step,
            ["tz"] = "UTC",
            ["account"] = account ?? AccountId,
            ["kind"] = kind,
        }));

        return Render<Reconciliation>();
    }
}
