using System.Globalization;
using ActivityDashboard.Components.Pages;
using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ActivityDashboard.Tests.Components.Pages;

public sealed class ActivityPageTests : DashboardTestContext, IClassFixture<PostgresDatabase>
{
    // One second before a 5-minute boundary: the last-hour range is [09:59:59, 10:59:59).
    private static readonly DateTimeOffset s_now = new(2026, 3, 5, 10, 59, 59, TimeSpan.Zero);

    public ActivityPageTests(PostgresDatabase database)
        : base(database, s_now)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
    }

    [Fact]
    public void Render_SourceSlow_ShowsLoadingWithoutNumbers()
    {
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: s_now.AddMinutes(-10))]);
        Usage.Delay = TimeSpan.FromMinutes(5);

        var cut = RenderPage(range: "1h");

        cut.WaitForAssertion(() => cut.Find("[data-testid=loading-state]"));
        cut.FindAll("[data-testid=loaded-state]").Should().BeEmpty();
        cut.Markup.Should().NotContain("$");
    }

    [Fact]
    public async Task Render_CallsWithReceipts_ShowsCardsChartAndRequests()
    {
        Usage.Add(AccountId,
        [
            TestData.UsageEvent(callId: "c1", at: s_now.AddMinutes(-40), tokensIn: 100, tokensOut: 50),
            TestData.UsageEvent(callId: "c2", at: s_now.AddMinutes(-20), tokensIn: 200, tokensOut: 70),
        ]);
        await AddReceiptsAsync(TestData.ChargeReceipt(accountId: AccountId, callId: "c1", createdAt: s_now.AddMinutes(-39), responseCostUsd: 1.005m));

        var cut = RenderPage(range: "1h");

        cut.WaitForAssertion(() => cut.Find("[data-testid=loaded-state]"));
        cut.Find("[data-testid=kpi-spend-value]").TextContent.Should().Be("$1.01", "1.005 rounds half away from zero");
        cut.Find("[data-testid=kpi-requests-value]").TextContent.Should().Be("2");
        cut.Find("[data-testid=kpi-tokens-value]").TextContent.Should().Be("420");
        cut.Find("[data-testid=kpi-spend-avg]").TextContent.Should().Be("n/a", "a range under a day has no average per day");
        cut.Find("[data-testid=kpi-spend-change]").TextContent.Should().Be("n/a", "the previous period is empty");
        var rows = cut.FindAll("[data-testid=request-row]");
        rows.Should().HaveCount(2);
        rows[0].TextContent.Should().Contain("—", "c2 has no receipt: billed is missing, not zero");
        rows[1].TextContent.Should().Contain("$1.01");
        cut.Markup.Should().NotContain("NaN");
    }

    [Fact]
    public void Render_TableView_ShowsTheChartNumbers()
    {
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: s_now.AddMinutes(-40))]);

        var cut = RenderPage(range: "1h");
        cut.WaitForAssertion(() => cut.Find("[data-testid=loaded-state]"));
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Table").Click();

        var table = cut.WaitForElement("[data-testid=chart-table]");
        var bodyRows = table.QuerySelectorAll("tbody tr");
        bodyRows.Should().HaveCount(13, "a last hour starting at 09:59:59 covers 13 five-minute buckets");
        bodyRows[0].TextContent.Should().Contain("partial");
        bodyRows.Sum(r => int.Parse(r.QuerySelectorAll("td")[0].TextContent, CultureInfo.InvariantCulture)).Should().Be(1);
    }

    [Fact]
    public void Render_NoActivity_ShowsEmptyStateNotError()
    {
        var cut = RenderPage(range: "1h");

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No activity in this range"));
        cut.FindAll("[data-testid=error-state]").Should().BeEmpty();
        cut.Markup.Should().NotContain("NaN");
    }

    [Fact]
    public void Render_AllZeroSpend_DrawsWithoutNaN()
    {
        Usage.Add(AccountId,
        [
            TestData.UsageEvent(callId: "free-1", at: new DateTimeOffset(2026, 3, 5, 10, 12, 0, TimeSpan.Zero), spend: 0m),
            TestData.UsageEvent(callId: "free-2", at: new DateTimeOffset(2026, 3, 5, 10, 48, 0, TimeSpan.Zero), spend: 0m),
        ]);

        var cut = RenderPage(range: "1h");

        cut.WaitForAssertion(() => cut.Find("[data-testid=chart]"));
        cut.Markup.Should().NotContain("NaN");
        cut.Find("[data-testid=kpi-requests-value]").TextContent.Should().Be("2");
    }

    [Theory]
    [InlineData(UsageSourceFailure.Unreachable, "usage_source_unreachable")]
    [InlineData(UsageSourceFailure.Timeout, "usage_source_timeout")]
    [InlineData(UsageSourceFailure.Rejected, "usage_source_rejected")]
    public void Render_SourceFails_ShowsErrorWithReasonAndNoNumbers(UsageSourceFailure failure, string reason)
    {
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: s_now.AddMinutes(-10))]);
        Usage.Failure = failure;

        var cut = RenderPage(range: "7d");

        var error = cut.WaitForElement("[data-testid=error-state]");
        error.TextContent.Should().Contain("Usage data unavailable").And.Contain(reason);
        cut.FindAll("[data-testid^=kpi-]").Should().BeEmpty();
        cut.FindAll("[data-testid=chart]").Should().BeEmpty();
        cut.Markup.Should().NotContain("$");
    }

    [Fact]
    public void Retry_AfterSourceRecovers_ShowsNumbers()
    {
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: s_now.AddMinutes(-10))]);
        Usage.Failure = UsageSourceFailure.Unavailable;
        var cut = RenderPage(range: "1h");
        cut.WaitForElement("[data-testid=error-state]");

        Usage.Failure = null;
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Retry").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=kpi-requests-value]").TextContent.Should().Be("1"));
    }

    [Fact]
    public void Render_InvalidStepInAddress_NamesTheProblem()
    {
        var cut = RenderPage(range: "1h", step: "7m");

        cut.WaitForAssertion(() => cut.Find("[data-testid=invalid-input-state]").TextContent.Should().Contain("7m"));
        Usage.Calls.Should().BeEmpty();
    }

    [Theory]
    [InlineData("range=24h&range=7d&tz=UTC", "Unknown range '24h,7d'")]
    [InlineData("range=1h&tz=UTC&tz=Europe/Berlin", "'UTC,Europe/Berlin'")]
    public void Render_ParameterRepeatedInAddress_IsRefusedAsTheApiRefusesIt(string query, string named)
    {
        // Blazor supplies only the first value; the API joins them and refuses. The page now does what the API does.
        Services.GetRequiredService<NavigationManager>().NavigateTo("/activity?" + query);
        var cut = Render<Activity>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=invalid-input-state]").TextContent.Should().Contain(named));
        Usage.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Render_RowsInChicago_ShowLocalWallClockTime()
    {
        // 14:10 UTC is 09:10 in Chicago (CDT, UTC-5) on this date.
        Clock.AdjustTime(new DateTimeOffset(2026, 4, 6, 15, 0, 0, TimeSpan.Zero));
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "r1", at: new DateTimeOffset(2026, 4, 6, 14, 10, 0, TimeSpan.Zero))]);

        var cut = RenderPage(range: "1h", timeZone: "America/Chicago");

        cut.WaitForAssertion(() => cut.Find("[data-testid=request-row]").TextContent.PlainSpaces().Should().Contain("4/6/2026 9:10:00 AM CDT"));
    }

    [Fact]
    public void Older_MovesToTheNextPageOfTheSameWindow()
    {
        Usage.Add(AccountId, Enumerable.Range(0, 25)
            .Select(i => TestData.UsageEvent(callId: $"c{i:00}", at: s_now.AddMinutes(-50 + i)))
            .ToList());

        // 24h, not the live last hour: that one re-pins itself as the clock moves (ActivityPageLiveTests).
        var cut = RenderPage(range: "24h");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=request-row]").Should().HaveCount(20));

        Clock.Advance(TimeSpan.FromMinutes(30));
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Older").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=request-row]").Should().HaveCount(5));
        cut.Find("[data-testid=request-range]").TextContent.Should().Be("21–25 of 25");
        Usage.Calls[^1].To.Should().Be(s_now, "paging keeps the window pinned at the first load");
    }

    [Fact]
    public void Older_WhileTheNextPageLoads_KeepsThePageShownInPlace()
    {
        Usage.Add(AccountId, Enumerable.Range(0, 25)
            .Select(i => TestData.UsageEvent(callId: $"c{i:00}", at: s_now.AddMinutes(-50 + i)))
            .ToList());
        var cut = RenderPage(range: "24h");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=request-row]").Should().HaveCount(20));
        var older = cut.FindAll("button").First(b => b.TextContent.Trim() == "Older");

        Usage.Delay = TimeSpan.FromMinutes(5);
        older.Click();

        // Nothing says "Loading" over numbers that hold: the rows and cards stay, and so does the focused Older button.
        cut.WaitForAssertion(() => Usage.Calls.Should().HaveCount(2));
        cut.FindAll("[data-testid=loading-state]").Should().BeEmpty();
        cut.FindAll("[data-testid=request-row]").Should().HaveCount(20);
        cut.Find("[data-testid=kpi-requests-value]").TextContent.Should().Be("25");
    }

    [Fact]
    public void PresetButton_PutsTheRangeInTheAddress()
    {
        var cut = RenderPage(range: "1h");
        cut.WaitForElement("[data-testid=empty-state]");

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Last 7 days").Click();

        cut.WaitForAssertion(() => Uri.Should().Contain("range=7d").And.Contain("tz=UTC"));
    }

    [Fact]
    public void PresetButton_LongerRangeThanTheStepAllows_DropsTheStep()
    {
        var cut = RenderPage(range: "24h", step: "5m");
        cut.WaitForElement("[data-testid=empty-state]");

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Last 30 days").Click();

        cut.WaitForAssertion(() => Uri.Should().Contain("range=30d").And.NotContain("step="));
        cut.WaitForElement("[data-testid=empty-state]");
    }

    [Fact]
    public void StepPicker_ThirtyDays_OffersOnlyTheStepsTheRangeAllows()
    {
        var cut = RenderPage(range: "30d");
        cut.WaitForElement("[data-testid=empty-state]");

        var stepPicker = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Step");
        stepPicker.FindComponents<MudSelectItem<string>>().Select(i => i.Instance.Value).Should().Equal("auto", "1h", "6h", "1d");
    }

    [Fact]
    public void MetricButton_PutsTheMetricInTheAddress()
    {
        var cut = RenderPage(range: "1h");
        cut.WaitForElement("[data-testid=empty-state]");

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Requests").Click();

        cut.WaitForAssertion(() => Uri.Should().Contain("metric=requests").And.Contain("range=1h"));
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("1")]
    [InlineData("Spend,Tokens")]
    public void Render_MetricNotKnown_SaysSoAndChartsSpend(string metric)
    {
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: s_now.AddMinutes(-10))]);

        var cut = RenderPage(range: "1h", metric: metric);

        cut.WaitForElement("[data-testid=loaded-state]");
        cut.Find("[data-testid=invalid-metric]").TextContent.Should().Be(
            $"The metric '{metric}' in this address is not one of spend, tokens or requests; the chart shows spend.");
        cut.FindAll("[role=radio]").Single(r => r.TextContent.Trim() == "Spend").GetAttribute("aria-checked").Should().Be("true");
    }

    [Theory]
    [InlineData("pie", true)]
    [InlineData("chart", false)]
    [InlineData("TABLE", false)]
    public void Render_View_UnknownOnesAreNamedKnownOnesAreNot(string view, bool warned)
    {
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: s_now.AddMinutes(-10))]);

        var cut = RenderPage(range: "1h", view: view);

        cut.WaitForElement("[data-testid=loaded-state]");
        if (warned)
        {
            cut.Find("[data-testid=invalid-view]").TextContent.Should().Be(
                "The view 'pie' in this address is not chart or table; the chart is shown.");
            cut.FindAll("[data-testid=chart]").Should().ContainSingle();
        }
        else
        {
            cut.FindAll("[data-testid=invalid-view]").Should().BeEmpty();
        }
    }

    [Theory]
    [InlineData("tokens", "Tokens")]
    [InlineData("REQUESTS", "Requests")]
    public void Render_KnownMetricInAnyCase_ChartsItWithoutAWarning(string metric, string chosen)
    {
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: s_now.AddMinutes(-10))]);

        var cut = RenderPage(range: "1h", metric: metric);

        cut.WaitForElement("[data-testid=loaded-state]");
        cut.FindAll("[data-testid=invalid-metric]").Should().BeEmpty();
        cut.FindAll("[role=radio]").Single(r => r.TextContent.Trim() == chosen).GetAttribute("aria-checked").Should().Be("true");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Render_WithoutZone_UsesTheBrowserZone(string? timeZone)
    {
        // An empty tz= names no zone either: the browser's is read, not UTC behind a blank picker.
        JSInterop.Setup<string?>("activityDashboard.browserTimeZone").SetResult("Asia/Kolkata");
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: s_now.AddMinutes(-10))]);

        var cut = RenderPage(range: "24h", timeZone: timeZone);

        cut.WaitForAssertion(() => cut.Find("[data-testid=loaded-state]"));
        cut.Markup.Should().Contain("Asia/Kolkata");
        Usage.Calls.Should().HaveCount(1, "the page waits for the browser's zone instead of loading twice");
    }

    [Fact]
    public void Render_DemoMode_LabelsDemoData()
    {
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new UsageSourceOptions { Mode = UsageSourceMode.Demo }));

        var cut = RenderPage(range: "1h");

        cut.Find("[data-testid=demo-label]").TextContent.Should().Contain("Demo data");
    }

    [Fact]
    public void Render_Breakdown_ShowsOneColumnPerGroupInTheTable()
    {
        Usage.Add(AccountId,
        [
            TestData.UsageEvent(callId: "a", at: s_now.AddMinutes(-30), model: "gpt-4o-mini", provider: "openai"),
            TestData.UsageEvent(callId: "b", at: s_now.AddMinutes(-20), model: "claude-3-5-haiku", provider: "anthropic"),
        ]);

        var cut = RenderPage(range: "1h", groupBy: "provider");
        cut.WaitForAssertion(() => cut.Find("[data-testid=loaded-state]"));
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Table").Click();

        var headers = cut.WaitForElement("[data-testid=chart-table]").QuerySelectorAll("thead th").Select(h => h.TextContent).ToList();
        headers.Should().Contain(h => h.StartsWith("openai", StringComparison.Ordinal));
        headers.Should().Contain(h => h.StartsWith("anthropic", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StepSelect_PutsTheStepInTheAddress()
    {
        var cut = RenderPage(range: "24h");
        cut.WaitForElement("[data-testid=empty-state]");

        var step = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Step");
        await cut.InvokeAsync(() => step.Instance.ValueChanged.InvokeAsync("15m"));

        Uri.Should().Contain("step=15m").And.Contain("range=24h");
    }

    [Fact]
    public async Task StepSelect_Auto_RemovesTheStepFromTheAddress()
    {
        var cut = RenderPage(range: "24h", step: "15m");
        cut.WaitForElement("[data-testid=empty-state]");

        var step = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Step");
        await cut.InvokeAsync(() => step.Instance.ValueChanged.InvokeAsync("auto"));

        Uri.Should().NotContain("step=");
    }

    [Fact]
    public async Task TableView_BreakdownChangedAndNumbersReloaded_StaysTheTableAndIsInTheAddress()
    {
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: s_now.AddMinutes(-40))]);
        var cut = RenderPage(range: "24h");
        cut.WaitForElement("[data-testid=loaded-state]");

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Table").Click();
        cut.WaitForElement("[data-testid=chart-table]");
        Uri.Should().Contain("view=table");
        var breakdown = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Breakdown");
        await cut.InvokeAsync(() => breakdown.Instance.ValueChanged.InvokeAsync("model"));

        // The new breakdown is read again (the loading state replaces the chart), and the table view comes back.
        cut.WaitForAssertion(() => Usage.Calls.Should().HaveCount(2));
        cut.WaitForElement("[data-testid=chart-table]");
        Uri.Should().Contain("groupBy=model").And.Contain("view=table");
        cut.FindAll("[role=radio]").Single(r => r.TextContent.Trim() == "Table").GetAttribute("aria-checked").Should().Be("true");

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Chart").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=chart-table]").Should().BeEmpty());
        Uri.Should().NotContain("view=");
    }

    [Fact]
    public async Task BreakdownSelect_PutsTheGroupingInTheAddress()
    {
        var cut = RenderPage(range: "24h");
        cut.WaitForElement("[data-testid=empty-state]");

        var breakdown = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Breakdown");
        await cut.InvokeAsync(() => breakdown.Instance.ValueChanged.InvokeAsync("model"));

        Uri.Should().Contain("groupBy=model");
    }

    [Fact]
    public async Task ZonePicker_KnownZone_PutsItInTheAddress()
    {
        var cut = RenderPage(range: "24h");
        cut.WaitForElement("[data-testid=empty-state]");

        var zone = cut.FindComponent<MudAutocomplete<string>>();
        var matches = await zone.Instance.SearchFunc!("kolk", Xunit.TestContext.Current.CancellationToken)!;
        await cut.InvokeAsync(() => zone.Instance.ValueChanged.InvokeAsync("Asia/Kolkata"));

        matches!.Should().Contain("Asia/Kolkata");
        Uri.Should().Contain("tz=Asia%2FKolkata");
    }

    [Fact]
    public async Task ZonePicker_SearchWithoutText_ListsUtcFirst()
    {
        var cut = RenderPage(range: "24h");
        cut.WaitForElement("[data-testid=empty-state]");

        var zone = cut.FindComponent<MudAutocomplete<string>>();
        var all = await zone.Instance.SearchFunc!("", Xunit.TestContext.Current.CancellationToken)!;

        all!.First().Should().Be("UTC");
    }

    [Fact]
    public async Task CustomRange_LocalDays_PutsTheirWallClockEdgesInTheAddress()
    {
        var cut = RenderPage(range: "24h", timeZone: "Asia/Kolkata");
        cut.WaitForElement("[data-testid=empty-state]");
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Custom").Click();
        cut.WaitForAssertion(() => Uri.Should().Contain("from=").And.NotContain("range="));
        var pageWithPicker = RenderPage(range: null, timeZone: "Asia/Kolkata", from: "2026-02-27T00:00:00+05:30", to: "2026-03-06T00:00:00+05:30");
        pageWithPicker.WaitForElement("[data-testid=empty-state]");

        var picker = pageWithPicker.FindComponent<MudDateRangePicker>();
        await pageWithPicker.InvokeAsync(() => picker.Instance.DateRangeChanged.InvokeAsync(
            new DateRange(new DateTime(2026, 2, 1), new DateTime(2026, 2, 3))));

        // 1-3 February in Kolkata is [1 Feb 00:00+05:30, 4 Feb 00:00+05:30). The days lie before today: later ones are
        // refused with a message, as the calendar does not offer them.
        Uri.Should().Contain("from=2026-02-01T00%3A00%3A00%2B05%3A30").And.Contain("to=2026-02-04T00%3A00%3A00%2B05%3A30");
    }

    [Fact]
    public async Task Render_OneOrphanReceipt_SaysReceiptInTheSingular()
    {
        await AddReceiptsAsync(TestData.ChargeReceipt(accountId: AccountId, callId: "no-such-call", createdAt: s_now.AddMinutes(-5), responseCostUsd: 0.04m));

        var cut = RenderPage(range: "1h");

        cut.WaitForAssertion(() => cut.Find("[data-testid=loaded-state]"));
        cut.Markup.Should().Contain("Includes $0.04 from 1 receipt without a matching call.");
    }

    [Fact]
    public void Chart_InAZone_NamesTheZoneOnTheTimeAxis()
    {
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: s_now.AddMinutes(-10))]);

        var cut = RenderPage(range: "1h", timeZone: "America/Chicago");
        cut.WaitForAssertion(() => cut.Find("[data-testid=loaded-state]"));

        // The series and their tooltips need the browser's layout; ActivityPageBrowserTests hovers a point.
        cut.FindAll("[data-testid=chart] text").Select(t => t.TextContent).Should().Contain("Bucket start (America/Chicago)");
        cut.Markup.Should().Contain("Spend (USD) per bucket of 5m in America/Chicago.");
    }

    [Fact]
    public async Task Render_GermanCulture_FormatsMoneyCountsAndTimesInGerman()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        var at = new DateTimeOffset(2026, 3, 5, 10, 20, 0, TimeSpan.Zero);
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: at, tokensIn: 1200, tokensOut: 34)]);
        await AddReceiptsAsync(TestData.ChargeReceipt(accountId: AccountId, callId: "c1", createdAt: at.AddSeconds(3), responseCostUsd: 1234.5m));

        var cut = RenderPage(range: "1h");

        cut.WaitForAssertion(() => cut.Find("[data-testid=loaded-state]"));
        cut.Find("[data-testid=kpi-spend-value]").TextContent.Should().Be("$1.234,50");
        cut.Find("[data-testid=kpi-tokens-value]").TextContent.Should().Be("1.234");
        cut.Find("[data-testid=request-row]").TextContent.Should().Contain("05.03.2026 10:20:00 UTC");
    }

    [Fact]
    public void TableView_PartialLastBucket_SaysHowMuchOfItIsCovered()
    {
        // cases.md, partial last bucket: [09:47:13, 10:47:13) in 5m steps ends with 10:45, covering 2m13s of 5m.
        Clock.AdjustTime(new DateTimeOffset(2026, 1, 10, 10, 47, 13, TimeSpan.Zero));
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "z", at: new DateTimeOffset(2026, 1, 10, 10, 45, 30, TimeSpan.Zero))]);

        var cut = RenderPage(range: "1h");
        cut.WaitForAssertion(() => cut.Find("[data-testid=loaded-state]"));
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Table").Click();

        var rows = cut.WaitForElement("[data-testid=chart-table]").QuerySelectorAll("tbody tr");
        rows.Should().HaveCount(13);
        rows[^1].TextContent.PlainSpaces().Should().Contain("1/10/2026 10:45 AM").And.Contain("partial: 2m13s of 5m");
        rows[0].TextContent.Should().Contain("partial: 2m47s of 5m");
    }

    [Theory]
    [InlineData("1d", "mud-chart-bar")]
    [InlineData("5m", "mud-chart-line")]
    public void Chart_OneBucketOrMany_IsABarOrALine(string step, string drawnAs)
    {
        // One point makes no line: the last hour in daily steps drew a lone dot at the chart's edge.
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: s_now.AddMinutes(-10))]);

        var cut = RenderPage(range: "1h", step: step);
        cut.WaitForAssertion(() => cut.Find("[data-testid=loaded-state]"));

        cut.Find("[data-testid=chart]").InnerHtml.Should().Contain(drawnAs);
    }

    [Fact]
    public async Task TableView_MidpointAmount_RoundsLikeTheCards()
    {
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "mid", at: s_now.AddMinutes(-20))]);
        await AddReceiptsAsync(TestData.ChargeReceipt(accountId: AccountId, callId: "mid", createdAt: s_now.AddMinutes(-19), responseCostUsd: 1.005m));

        var cut = RenderPage(range: "1h");
        cut.WaitForAssertion(() => cut.Find("[data-testid=loaded-state]"));
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Table").Click();

        cut.Find("[data-testid=kpi-spend-value]").TextContent.Should().Be("$1.01");
        cut.Find("[data-testid=request-row]").TextContent.Should().Contain("$1.01");
        cut.WaitForElement("[data-testid=chart-table]").TextContent.Should().Contain("$1.01").And.NotContain("$1.00");
    }

    [Fact]
    public void Render_CustomRangeReachingPastNow_ShowsItUpToNowWithAPartialLastBucket()
    {
        // "Today" opened at 10:59:59: the afternoon has not happened, so it is neither read nor drawn as zeros.
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: s_now.AddMinutes(-10))]);

        var cut = RenderPage(range: null, from: "2026-03-05T00:00:00Z", to: "2026-03-06T00:00:00Z");

        cut.WaitForElement("[data-testid=loaded-state]");
        cut.Find("[data-testid=cut-at-now]").TextContent.PlainSpaces().Should().Be(
            "The chosen range ends later than now, so it is shown up to now (3/5/2026 10:59:59 AM UTC); the last bucket is partial.");
        var report = cut.Instance.ViewModel.Report!;
        report.Buckets.Should().OnlyContain(b => b.Start < s_now);
        report.Buckets[^1].Partial.Should().BeTrue();
        Usage.Calls[^1].To.Should().Be(s_now, "nothing after now is asked of LiteLLM");
    }

    [Fact]
    public async Task Render_SharedCustomRangeOffLocalMidnight_KeepsTheAddressAndSettles()
    {
        // Midnight UTC is 01:00 in Berlin: the picker shows local days, but the shared window must stay exact.
        var cut = RenderPage(range: null, timeZone: "Europe/Berlin", from: "2026-02-20T00:00:00Z", to: "2026-02-21T00:00:00Z");
        cut.WaitForElement("[data-testid=empty-state]");
        var uriAfterLoad = Uri;
        var rendersAfterLoad = cut.RenderCount;

        await Task.Delay(300, Xunit.TestContext.Current.CancellationToken);

        Uri.Should().Be(uriAfterLoad).And.Contain("from=2026-02-20T00%3A00%3A00Z");
        cut.RenderCount.Should().Be(rendersAfterLoad, "an idle page renders nothing");
        Usage.Calls.Should().ContainSingle().Which.From.Should().Be(new DateTimeOffset(2026, 2, 19, 23, 45, 0, TimeSpan.Zero).AddDays(-1),
            "one read, over the previous day and the join grace, of exactly the shared window");
    }

    private string Uri => Services.GetRequiredService<NavigationManager>().Uri;

    private IRenderedComponent<Activity> RenderPage(
        string? range = null,
        string? step = null,
        string? timeZone = "UTC",
        string? groupBy = null,
        string? from = null,
        string? to = null,
        string? metric = null,
        string? view = null)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameters("/activity", new Dictionary<string, object?>
        {
            ["range"] = range,
            ["step"] = step,
            ["tz"] = timeZone,
            ["groupBy"] = groupBy,
            ["from"] = from,
            ["to"] = to,
            ["metric"] = metric,
            ["view"] = view,
        }));

        return Render<Activity>();
    }
}

internal static class RenderedComponentExtensions
{
    public static IElement WaitForElement<T>(this IRenderedComponent<T> cut, string selector)
        where T : IComponent
    {
        IElement? element = null;
        cut.WaitForAssertion(() => element = cut.Find(selector));

        return element!;
    }
}
