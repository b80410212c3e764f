using System.Globalization;
using System.Security.Claims;
using ActivityDashboard.Components.Pages;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ActivityDashboard.Tests.Components.Pages;

/// <summary>
/// The account picker and provider cost on <c>/activity</c>: operators pick any account (through the address, checked
/// by the same resolver as the API) and see provider cost; everyone else gets neither, and their page never holds a
/// provider-cost number, because in Blazor Server what the components hold is what can go over the circuit.
/// </summary>
public sealed class ActivityPageOperatorTests : DashboardTestContext, IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 5, 10, 59, 59, TimeSpan.Zero);

    // Distinctive amounts: provider cost 7.777777 shows as $7.78, and 10.00 billed over it is a markup of 1.29.
    private const decimal ProviderCost = 7.777777m;
    private const decimal Billed = 10.00m;
    private static readonly string[] s_providerCostTexts = ["7.777777", "7.78", "1.29", "1.285", "Provider cost", "markup"];

    private readonly string _otherAccount = "acct-" + Guid.NewGuid().ToString("N")[..8];

    public ActivityPageOperatorTests(PostgresDatabase database)
        : base(database, s_now)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
    }

    [Fact]
    public async Task Render_Operator_ShowsAccountPickerWithTheKnownAccounts()
    {
        SignInAsOperator();
        await AddCallWithReceiptAsync(_otherAccount, "b-1");

        var cut = RenderPage();
        cut.WaitForElement("[data-testid=empty-state]");

        var picker = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Account");
        picker.Find("input").GetAttribute("value").Should().Be(AccountId, "without account= the operator's own account is shown");
        cut.Instance.ViewModel.Accounts.Should().Contain([AccountId, _otherAccount]);
        cut.Find("[data-testid=account-label]").TextContent.Should().Contain(AccountId);
    }

    [Fact]
    public async Task AccountPicker_Operator_PutsTheAccountInTheAddress()
    {
        SignInAsOperator();
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=empty-state]");

        var picker = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Account");
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(_otherAccount));

        Uri.Should().Contain("account=" + _otherAccount).And.Contain("range=1h");
        cut.WaitForAssertion(() => cut.Find("[data-testid=account-label]").TextContent.Should().Contain(_otherAccount));
        Usage.Calls[^1].AccountId.Should().Be(_otherAccount);
    }

    [Fact]
    public async Task Render_OperatorWithAccountB_ShowsBsNumbersAndProviderCost()
    {
        SignInAsOperator();
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "own-1", at: s_now.AddMinutes(-30), spend: 0.5m)]);
        await AddCallWithReceiptAsync(_otherAccount, "b-1");

        var cut = RenderPage(account: _otherAccount);
        cut.WaitForAssertion(() => cut.Find("[data-testid=loaded-state]"));
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Table").Click();

        cut.Find("[data-testid=account-label]").TextContent.Should().Contain(_otherAccount);
        cut.Find("[data-testid=kpi-spend-value]").TextContent.Should().Be("$10.00");
        cut.Find("[data-testid=kpi-provider-cost]").TextContent.Should().Be("$7.78");
        cut.Find("[data-testid=kpi-markup]").TextContent.Should().Be("1.29×", "10.00 billed over 7.777777 provider cost");
        cut.Find("[data-testid=row-provider-cost]").TextContent.Should().Be("$7.78");
        var chartTable = cut.WaitForElement("[data-testid=chart-table]");
        chartTable.QuerySelectorAll("thead th").Select(h => h.TextContent).Should().Contain("Provider cost");
        chartTable.QuerySelectorAll("[data-testid=bucket-provider-cost]").Select(c => c.TextContent).Should().Contain("$7.78");
        Usage.Calls.Should().OnlyContain(c => c.AccountId == _otherAccount);
    }

    [Fact]
    public async Task Render_OperatorWithZeroProviderCost_ShowsNoMarkup()
    {
        SignInAsOperator();
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "free-1", at: s_now.AddMinutes(-30), spend: 0m)]);
        await AddReceiptsAsync(
            TestData.ChargeReceipt(accountId: AccountId, callId: "free-1", createdAt: s_now.AddMinutes(-29), responseCostUsd: 1m));

        var cut = RenderPage();

        cut.WaitForAssertion(() => cut.Find("[data-testid=kpi-provider-cost]").TextContent.Should().Be("$0"));
        cut.FindAll("[data-testid=kpi-markup]").Should().BeEmpty("a markup over zero provider cost has no value");
    }

    [Fact]
    public void Render_OperatorWithMalformedAccount_SaysTheAccountIsInvalid()
    {
        SignInAsOperator();

        var cut = RenderPage(account: "not an account!");

        cut.WaitForAssertion(() => cut.Find("[data-testid=invalid-input-state]").TextContent.Should().Contain("not a valid account"));
        Usage.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Render_NonOperator_ShowsNoPickerAndNoProviderCostAnywhere()
    {
        await AddCallWithReceiptAsync(AccountId, "own-1");

        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=kpi-spend-value]").TextContent.Should().Be("$10.00"));
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Table").Click();
        cut.WaitForElement("[data-testid=chart-table]");

        cut.FindComponents<MudSelect<string>>().Should().NotContain(s => s.Instance.Label == "Account");
        cut.Find("[data-testid=account-label]").TextContent.Should().Contain(AccountId);
        foreach (var text in s_providerCostTexts)
        {
            cut.Markup.Should().NotContainEquivalentOf(text);
        }

        // Not only unrendered: the view model the components read holds no provider-cost number at all.
        var report = cut.Instance.ViewModel.Report!;
        cut.Instance.ViewModel.ShowsProviderCost.Should().BeFalse();
        cut.Instance.ViewModel.Accounts.Should().BeNull();
        report.Totals.ProviderCost.Should().Be(0m);
        report.Buckets.Should().OnlyContain(b => b.ProviderCost == 0m);
        report.Rows.Should().ContainSingle().Which.ProviderCost.Should().Be(0m);
    }

    [Fact]
    public async Task Render_NonOperatorWithAccountBInAddress_ShowsForbiddenAndReadsNothingOfB()
    {
        await AddCallWithReceiptAsync(_otherAccount, "b-1");

        var cut = RenderPage(account: _otherAccount);

        cut.WaitForAssertion(() => cut.Find("[data-testid=invalid-input-state]").TextContent.Should().Contain("may not see"));
        Usage.Calls.Should().BeEmpty("nothing is read for a refused account");
        cut.FindAll("[data-testid=account-label]").Should().BeEmpty();
        cut.FindAll("[data-testid^=kpi-]").Should().BeEmpty();
        cut.Markup.Should().NotContain("10.00").And.NotContain("7.78");
        cut.Instance.ViewModel.Report.Should().BeNull();
    }

    [Fact]
    public async Task Render_NonOperatorWithOwnAccountInAddress_ShowsTheirNumbers()
    {
        await AddCallWithReceiptAsync(AccountId, "own-1");

        var cut = RenderPage(account: AccountId);

        cut.WaitForAssertion(() => cut.Find("[data-testid=kpi-spend-value]").TextContent.Should().Be("$10.00"));
        cut.Markup.Should().NotContain("7.78");
    }

    [Fact]
    public async Task Render_OperatorWithUnrecordedAccount_WarnsAndStillShowsWhatLiteLlmHas()
    {
        // LiteLLM has a call under this id, but no user and no receipt names it: a typo, or an account not billed yet.
        SignInAsOperator();
        var unrecorded = "acct-" + Guid.NewGuid().ToString("N")[..8];
        Usage.Add(unrecorded, [TestData.UsageEvent(callId: "litellm-only", at: s_now.AddMinutes(-10), spend: 0.25m)]);
        await AddCallWithReceiptAsync(_otherAccount, "b-1");

        var cut = RenderPage(account: unrecorded);

        cut.WaitForElement("[data-testid=loaded-state]");
        cut.Find("[data-testid=unrecorded-account]").TextContent.Should()
            .Contain($"No user and no charge receipt names the account \"{unrecorded}\"")
            .And.Contain("only what LiteLLM reports");
        cut.Find("[data-testid=kpi-requests-value]").TextContent.Should().Be("1", "the account's calls are shown, not refused");
        cut.Instance.ViewModel.Accounts.Should().Contain([unrecorded, _otherAccount]);
    }

    [Fact]
    public async Task Render_OperatorWithRecordedAccountThenAnUnrecordedOne_WarnsOnlyForTheUnrecorded()
    {
        SignInAsOperator();
        await AddCallWithReceiptAsync(_otherAccount, "b-1");

        var cut = RenderPage(account: _otherAccount);
        cut.WaitForElement("[data-testid=loaded-state]");
        cut.FindAll("[data-testid=unrecorded-account]").Should().BeEmpty("a receipt names this account");

        var picker = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Account");
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync("acct-nosuch"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=unrecorded-account]").TextContent.Should().Contain("\"acct-nosuch\""));
        cut.WaitForElement("[data-testid=empty-state]");
    }

    [Fact]
    public void Render_NonOperatorWithNothingRecorded_ShowsNoUnrecordedWarning()
    {
        // The account claim names no user row and no receipt here; only operators are told about unrecorded accounts.
        var cut = RenderPage();

        cut.WaitForElement("[data-testid=empty-state]");
        cut.FindAll("[data-testid=unrecorded-account]").Should().BeEmpty();
        cut.Instance.ViewModel.IsUnrecordedAccount.Should().BeFalse();
    }

    private string Uri => Services.GetRequiredService<NavigationManager>().Uri;

    // The account claim is set again after the role: with the role set alone, the page saw no account claim.
    private void SignInAsOperator()
    {
        Authorization.SetRoles(DashboardRoles.Operator);
        Authorization.SetClaims(new Claim(DashboardClaimTypes.BillingAccount, AccountId));
    }

    private async Task AddCallWithReceiptAsync(string accountId, string callId)
    {
        Usage.Add(accountId, [TestData.UsageEvent(callId: callId, at: s_now.AddMinutes(-20), spend: ProviderCost)]);
        await AddReceiptsAsync(
            TestData.ChargeReceipt(accountId: accountId, callId: callId, createdAt: s_now.AddMinutes(-19), responseCostUsd: Billed));
    }

    private IRenderedComponent<Activity> RenderPage(string? account = null)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameters("/activity", new Dictionary<string, object?>
        {
            ["range"] = "1h",
            ["tz"] = "UTC",
            ["account"] = account,
        }));

        return Render<Activity>();
    }
}
