using System.Globalization;
using System.Text.Json;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Model;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ActivityDashboard.Tests.Browser;

/// <summary>
/// Issue 5's operator views in a real Chromium against the real app with the gateway probe running on real time: the
/// banner comes and goes on an open page, <c>/admin/gateway-health</c> follows the state live, and
/// <c>/admin/reconciliation</c> shows what <c>GET /api/v1/admin/reconciliation</c> answers with the same cookie.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class OperatorViewsBrowserTests(OperatorBrowserFixture fixture)
{
    private const int TestTimeout = 90_000;

    // Set in the page's window: still there at the end, it proves the page was never reloaded.
    private const string SetMarker = "() => { window.activityTestMarker = 'kept-without-reload'; }";
    private const string ReadMarker = "() => window.activityTestMarker ?? 'reloaded'";

    private static CultureInfo Culture => BrowserFixture.PageCulture;

    [Fact(Timeout = TestTimeout)]
    public Task Banner_GatewayFailsThenRecovers_AppearsAndGoesAwayOnTheOpenPage() =>
        fixture.RunAsync(nameof(Banner_GatewayFailsThenRecovers_AppearsAndGoesAwayOnTheOpenPage), asOperator: false, async page =>
        {
            await Expect(page.GetByTestId("loaded-state")).ToBeVisibleAsync();
            var banner = page.GetByTestId("gateway-banner");
            await Expect(banner).ToHaveCountAsync(0, new() { Timeout = Milliseconds(OperatorBrowserFixture.HealthyWithin) });
            await page.EvaluateAsync(SetMarker);
            var address = page.Url;

            try
            {
                fixture.Stub.FixedResponse = LiteLlmStubResponse.ServiceUnavailable;
                await Expect(banner).ToBeVisibleAsync(new() { Timeout = Milliseconds(OperatorBrowserFixture.UnavailableWithin) });
                await Expect(banner).ToContainTextAsync("The LiteLLM gateway is unavailable: usage data may be delayed or unavailable.");
                await Expect(page.GetByTestId("gateway-banner-details")).ToHaveCountAsync(0);
            }
            finally
            {
                fixture.Stub.FixedResponse = null;
            }

            await Expect(banner).ToHaveCountAsync(0, new() { Timeout = Milliseconds(OperatorBrowserFixture.HealthyWithin) });
            (await page.EvaluateAsync<string>(ReadMarker)).Should().Be("kept-without-reload");
            page.Url.Should().Be(address);
            await Expect(page.GetByTestId("loaded-state")).ToBeVisibleAsync();
        }, TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task GatewayHealth_Operator_ShowsTheCurrentStateAndFollowsIt() =>
        fixture.RunAsync(nameof(GatewayHealth_Operator_ShowsTheCurrentStateAndFollowsIt), asOperator: true, async page =>
        {
            await ChromiumSession.OpenAsync(page, "/admin/gateway-health");
            var state = page.GetByTestId("state");
            await Expect(state).ToHaveTextAsync("Healthy", new() { Timeout = Milliseconds(OperatorBrowserFixture.HealthyWithin) });
            await Expect(page.GetByTestId("since")).ToContainTextAsync(" UTC");
            await Expect(page.GetByTestId("probe-row").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("not-monitored")).ToHaveCountAsync(0);
            await page.EvaluateAsync(SetMarker);

            try
            {
                fixture.Stub.FixedResponse = LiteLlmStubResponse.ServiceUnavailable;
                await Expect(state).ToHaveTextAsync("Unavailable", new() { Timeout = Milliseconds(OperatorBrowserFixture.UnavailableWithin) });
                await Expect(page.GetByTestId("reason")).ToContainTextAsync("status 503");
                await Expect(page.GetByTestId("probe-row").First).ToContainTextAsync("status 503");

                // Operators' banner links to this page.
                await Expect(page.GetByTestId("gateway-banner-details")).ToHaveAttributeAsync("href", "/admin/gateway-health");
            }
            finally
            {
                fixture.Stub.FixedResponse = null;
            }

            await Expect(state).ToHaveTextAsync("Healthy", new() { Timeout = Milliseconds(OperatorBrowserFixture.HealthyWithin) });
            await Expect(page.GetByTestId("gateway-banner")).ToHaveCountAsync(0);
            (await page.EvaluateAsync<string>(ReadMarker)).Should().Be("kept-without-reload");
        }, TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task AppBar_OperatorOnPhoneTabletAndDesktop_ShowsEveryItemWithoutSidewaysScrolling() =>
        fixture.RunAsync(nameof(AppBar_OperatorOnPhoneTabletAndDesktop_ShowsEveryItemWithoutSidewaysScrolling), asOperator: true, async page =>
        {
            string[] items =
            [
                "admin-reconciliation-link", "admin-gateway-health-link", "theme-switch", "signed-in-as", "api-tokens-link",
                "change-password", "sign-out",
            ];

            // The operator's bar holds the most items; before it wrapped, Password and Sign out were off a 768 px screen.
            foreach (var width in (int[])[390, 768, 1280])
            {
                await page.SetViewportSizeAsync(width, 844);

                await Expect(page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Activity", Exact = true }))
                    .ToBeInViewportAsync(new() { Ratio = 1 });
                foreach (var item in items)
                {
                    await Expect(page.GetByTestId(item)).ToBeInViewportAsync(new() { Ratio = 1 });
                }

                (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"))
                    .Should().BeTrue($"nothing scrolls sideways at {width} px");
            }
        }, TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task Reconciliation_Operator_ShowsTheApiTotalsForAllAccountsAndForOne() =>
        fixture.RunAsync(nameof(Reconciliation_Operator_ShowsTheApiTotalsForAllAccountsAndForOne), asOperator: true, async page =>
        {
            const string Query = "range=24h&tz=UTC";
            await ChromiumSession.OpenAsync(page, "/admin/reconciliation?" + Query);
            var all = await ExpectReconciliationMatchesApiAsync(page, Query);

            // Every kind of finding the seed holds, so a page showing zeros or the wrong account cannot pass.
            var totals = all.GetProperty("totals");
            totals.GetProperty("requests").GetInt64().Should().Be(6);
            totals.GetProperty("unbilledCalls").GetInt32().Should().Be(2);
            totals.GetProperty("orphanReceipts").GetInt32().Should().Be(1);
            totals.GetProperty("mismatches").GetInt32().Should().Be(1);
            await Expect(page.GetByTestId("account-label")).ToHaveTextAsync("Account: all accounts");

            var oneAccount = Query + "&account=" + OperatorBrowserFixture.SouthAccountId;
            await ChromiumSession.OpenAsync(page, "/admin/reconciliation?" + oneAccount);
            await Expect(page.GetByTestId("account-label")).ToHaveTextAsync("Account: " + OperatorBrowserFixture.SouthAccountId);
            var south = await ExpectReconciliationMatchesApiAsync(page, oneAccount);
            south.GetProperty("totals").GetProperty("requests").GetInt64().Should().Be(2);
            south.GetProperty("totals").GetProperty("unbilledCalls").GetInt32().Should().Be(1);
        }, TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task Axe_OperatorPages_HaveNoSeriousOrCriticalViolations() =>
        fixture.RunAsync(nameof(Axe_OperatorPages_HaveNoSeriousOrCriticalViolations), asOperator: true, async page =>
        {
            await ChromiumSession.OpenAsync(page, "/admin/reconciliation?range=24h&tz=UTC");
            await Expect(page.GetByTestId("loaded-state")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("finding-kind").First).ToBeVisibleAsync();
            await AxeScan.ExpectNoSeriousViolationsAsync(page);

            // Between the phone layout (cards, below 600 px) and the desktop, the findings table is wider than the
            // screen: its scrolling region must take the focus, or its right-hand columns are out of a keyboard's reach.
            await page.SetViewportSizeAsync(700, 1000);
            await Expect(page.GetByTestId("finding-table").Locator("thead")).ToBeVisibleAsync();
            (await page.EvaluateAsync<bool>(
                "() => [...document.querySelectorAll('.table-scroll, .mud-table-container')].some(r => r.scrollWidth > r.clientWidth)"))
                .Should().BeTrue("the scan must see a table wider than the screen");
            await AxeScan.ExpectNoSeriousViolationsAsync(page);
            await page.SetViewportSizeAsync(1280, 1000);

            await ChromiumSession.OpenAsync(page, "/admin/gateway-health");
            var state = page.GetByTestId("state");
            await Expect(state).ToHaveTextAsync("Healthy", new() { Timeout = Milliseconds(OperatorBrowserFixture.HealthyWithin) });
            await Expect(page.GetByTestId("probe-row").First).ToBeVisibleAsync();
            await AxeScan.ExpectNoSeriousViolationsAsync(page);

            // Each state colours the chip and the banner differently: scan both the other states too.
            try
            {
                fixture.Stub.Delay = OperatorBrowserFixture.SlowAnswer;
                await Expect(state).ToHaveTextAsync("Degraded", new() { Timeout = Milliseconds(OperatorBrowserFixture.DegradedWithin) });
                await Expect(page.GetByTestId("gateway-banner")).ToBeVisibleAsync();
                await AxeScan.ExpectNoSeriousViolationsAsync(page);

                fixture.Stub.FixedResponse = LiteLlmStubResponse.ServiceUnavailable;
                await Expect(state).ToHaveTextAsync("Unavailable", new() { Timeout = Milliseconds(OperatorBrowserFixture.UnavailableWithin) });
                await Expect(page.GetByTestId("gateway-banner")).ToContainTextAsync("unavailable");
                await AxeScan.ExpectNoSeriousViolationsAsync(page);
            }
            finally
            {
                fixture.Stub.Delay = TimeSpan.Zero;
                fixture.Stub.FixedResponse = null;
            }

            await Expect(state).ToHaveTextAsync("Healthy", new() { Timeout = Milliseconds(OperatorBrowserFixture.HealthyWithin) });
        }, TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeout)]
    public Task Axe_WarningAndInfoMessages_HaveNoSeriousOrCriticalViolationsInEitherTheme() =>
        fixture.RunAsync(nameof(Axe_WarningAndInfoMessages_HaveNoSeriousOrCriticalViolationsInEitherTheme), asOperator: true, async page =>
        {
            // The pages' messages are MudBlazor alerts whose text takes the status colours: each kind once, each theme.
            (string Address, string Shown)[] messages =
            [
                ("/activity?range=bogus&tz=UTC", "invalid-input-state"),
                ("/activity?range=24h&tz=UTC&account=acct-nobody-records&metric=bogus", "unrecorded-account"),
                ("/admin/reconciliation?range=24h&tz=UTC&kind=bogus", "invalid-kind"),
            ];
            foreach (var dark in new[] { false, true })
            {
                foreach (var (address, shown) in messages)
                {
                    await ChromiumSession.OpenAsync(page, address);
                    if (dark)
                    {
                        // Switched once, on the first page; the browser keeps the choice, so the next pages open dark.
                        if (address == messages[0].Address)
                        {
                            await page.GetByTestId("theme-switch").ClickAsync();
                        }

                        await Expect(page.GetByTestId("theme-switch")).ToHaveAttributeAsync("aria-label", "Light theme");
                    }

                    await Expect(page.GetByTestId(shown)).ToBeVisibleAsync();
                    if (shown == "unrecorded-account")
                    {
                        // The same address shows the empty state (info) and the unknown-metric warning too.
                        await Expect(page.GetByTestId("empty-state")).ToBeVisibleAsync();
                        await Expect(page.GetByTestId("invalid-metric")).ToBeVisibleAsync();
                    }

                    await AxeScan.ExpectNoSeriousViolationsAsync(page);
                }
            }
        }, TestContext.Current.CancellationToken);

    private static float Milliseconds(TimeSpan duration) => (float)duration.TotalMilliseconds;

    /// <summary>
    /// Waits until the page's cards, bucket rows and findings show what the API answers for <paramref name="query"/>
    /// (same session cookie), and returns that answer.
    /// </summary>
    private static async Task<JsonElement> ExpectReconciliationMatchesApiAsync(IPage page, string query)
    {
        await Expect(page.GetByTestId("loaded-state")).ToBeVisibleAsync();
        var response = await page.APIRequest.GetAsync("/api/v1/admin/reconciliation?" + query);
        response.Status.Should().Be(200, await response.TextAsync());
        var json = (await response.JsonAsync())!.Value;
        var totals = json.GetProperty("totals");

        await Expect(page.GetByTestId("card-requests-value")).ToHaveTextAsync(Count(totals, "requests"));
        await Expect(page.GetByTestId("card-requests")).ToContainTextAsync(
            "Spend " + Money(totals, "spend") + " · provider cost " + Money(totals, "providerCost"));
        await Expect(page.GetByTestId("card-unbilled-value")).ToHaveTextAsync(Count(totals, "unbilledCalls"));
        await Expect(page.GetByTestId("card-unbilled")).ToContainTextAsync(Money(totals, "unbilledProviderCost"));
        await Expect(page.GetByTestId("card-orphans-value")).ToHaveTextAsync(Count(totals, "orphanReceipts"));
        await Expect(page.GetByTestId("card-orphans")).ToContainTextAsync(Money(totals, "orphanSpend"));
        await Expect(page.GetByTestId("card-mismatches-value")).ToHaveTextAsync(Count(totals, "mismatches"));

        await Expect(page.GetByTestId("bucket-table").Locator("tbody tr")).ToHaveCountAsync(json.GetProperty("buckets").GetArrayLength());
        var calls = json.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("callId").GetString() ?? "—")
            .ToArray();
        calls.Should().NotBeEmpty("the seed holds findings, so an empty table cannot pass");
        await Expect(page.GetByTestId("finding-call")).ToHaveTextAsync(calls);

        return json;
    }

    private static string Count(JsonElement totals, string name) =>
        ActivityFormat.Count(totals.GetProperty(name).GetInt64(), Culture);

    private static string Money(JsonElement totals, string name) =>
        MoneyFormatter.Format(decimal.Parse(totals.GetProperty(name).GetString()!, CultureInfo.InvariantCulture), Culture);
}
