using System.Globalization;
using ActivityDashboard.Components.Pages;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Tests.Components.Pages;

/// <summary>The live last hour (spec section 8): refresh every 30 seconds on the injected clock, pause, and disposal.</summary>
public sealed class ActivityPageLiveTests : DashboardTestContext, IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 5, 10, 59, 59, TimeSpan.Zero);

    public ActivityPageLiveTests(PostgresDatabase database)
        : base(database, s_now)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: s_now.AddMinutes(-10))]);
    }

    [Fact]
    public void Refresh_ThirtySecondsPass_ReadsAWindowEndingAtTheNewNow()
    {
        var cut = RenderLoadedPage("1h");
        var readsBefore = Usage.Calls.Count;
        Usage.Calls.Should().Contain(c => c.To == s_now);

        Clock.Advance(TimeSpan.FromSeconds(30));

        cut.WaitForAssertion(() => Usage.Calls.Should().HaveCountGreaterThan(readsBefore));
        Usage.Calls.Skip(readsBefore).Should().Contain(c => c.To == s_now.AddSeconds(30),
            "the refresh pins the last hour to the clock now");
    }

    [Fact]
    public void Refresh_NewCallArrives_ShowsItWithoutBlanking()
    {
        var cut = RenderLoadedPage("1h");
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c2", at: s_now.AddSeconds(10))]);

        Clock.Advance(TimeSpan.FromSeconds(30));

        cut.WaitForAssertion(() => cut.Find("[data-testid=kpi-requests-value]").TextContent.Should().Be("2"));
    }

    [Fact]
    public async Task Refresh_TimerFiresOnAThreadOfAnotherCulture_KeepsTheViewersFormats()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        var cut = RenderLoadedPage("1h");
        cut.Find("[data-testid=kpi-tokens-value]").TextContent.Should().Be("1.000");
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c2", at: s_now.AddSeconds(10))]);

        // The live timer's callback runs on whatever thread advanced the clock, here one in the invariant culture.
        await Task.Run(() =>
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            Clock.Advance(TimeSpan.FromSeconds(30));
        }, Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => cut.Find("[data-testid=kpi-tokens-value]").TextContent.Should().Be("2.000"));
    }

    [Fact]
    public void Pause_MinutePasses_NoRead()
    {
        var cut = RenderLoadedPage("1h");
        var readsBefore = Usage.Calls.Count;

        cut.Find("[data-testid=live-pause]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=live-pause]").GetAttribute("aria-pressed").Should().Be("true"));
        Clock.Advance(TimeSpan.FromSeconds(60));

        cut.Find("[data-testid=live-updated]").TextContent.Should().Contain("paused");
        Usage.Calls.Should().HaveCount(readsBefore);
    }

    [Fact]
    public void Resume_AfterPause_ReadsAtOnce()
    {
        var cut = RenderLoadedPage("1h");
        cut.Find("[data-testid=live-pause]").Click();
        Clock.Advance(TimeSpan.FromSeconds(60));
        var readsBefore = Usage.Calls.Count;

        cut.Find("[data-testid=live-pause]").Click();

        cut.WaitForAssertion(() => Usage.Calls.Skip(readsBefore).Should().Contain(c => c.To == s_now.AddSeconds(60)));
        cut.Find("[data-testid=live-pause]").GetAttribute("aria-pressed").Should().Be("false");
        cut.WaitForAssertion(() => cut.Find("[data-testid=live-updated]").TextContent.PlainSpaces().Should().Contain("Updated 11:00:59 AM"));
    }

    [Theory]
    [InlineData("24h")]
    [InlineData("7d")]
    [InlineData("30d")]
    public void OtherPreset_MinutesPass_NeverRefreshes(string range)
    {
        var cut = RenderLoadedPage(range);
        var readsBefore = Usage.Calls.Count;

        Clock.Advance(TimeSpan.FromMinutes(5));

        cut.FindAll("[data-testid=live-bar]").Should().BeEmpty();
        Usage.Calls.Should().HaveCount(readsBefore);
    }

    [Fact]
    public void ViewChangesAwayFromLastHour_MinutePasses_NoFurtherRead()
    {
        var cut = RenderLoadedPage("1h");

        Navigate("24h");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=live-bar]").Should().BeEmpty());
        cut.WaitForElement("[data-testid=loaded-state]");
        var readsBefore = Usage.Calls.Count;
        Clock.Advance(TimeSpan.FromSeconds(90));

        Usage.Calls.Should().HaveCount(readsBefore);
    }

    [Fact]
    public async Task Dispose_ClockAdvances_NoReadAndNoRenderError()
    {
        RenderLoadedPage("1h");
        var readsBefore = Usage.Calls.Count;

        await DisposeComponentsAsync();
        Clock.Advance(TimeSpan.FromMinutes(2));

        Usage.Calls.Should().HaveCount(readsBefore);
        Renderer.UnhandledException.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task Dispose_RefreshInFlight_LateAnswerDropped()
    {
        var cut = RenderLoadedPage("1h");
        var viewModel = cut.Instance.ViewModel;
        Usage.Delay = TimeSpan.FromSeconds(10);
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c2", at: s_now.AddSeconds(10))]);
        var readsBefore = Usage.Calls.Count;
        Clock.Advance(TimeSpan.FromSeconds(30));
        cut.WaitForAssertion(() => Usage.Calls.Should().HaveCountGreaterThan(readsBefore, "the refresh is in flight"));

        await DisposeComponentsAsync();
        Clock.Advance(TimeSpan.FromSeconds(20));

        viewModel.Report!.Totals.Current.Requests.Should().Be(1, "the answer holding c2 arrived after the page was left");
        Renderer.UnhandledException.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public void Updated_AfterRefresh_ShowsRefreshTimeInViewersZone()
    {
        var cut = RenderLoadedPage("1h", timeZone: "Asia/Kolkata");
        cut.Find("[data-testid=live-updated]").TextContent.PlainSpaces().Should().Contain("Updated 4:29:59 PM (Asia/Kolkata)", "10:59:59 UTC is 16:29:59 in India, named like every other time");

        Clock.Advance(TimeSpan.FromSeconds(30));

        cut.WaitForAssertion(() => cut.Find("[data-testid=live-updated]").TextContent.PlainSpaces().Should().Contain("Updated 4:30:29 PM"));
    }

    [Fact]
    public void Refresh_SourceFails_ShowsErrorWithoutStaleNumbers()
    {
        var cut = RenderLoadedPage("1h");

        Usage.Failure = UsageSourceFailure.Unreachable;
        Clock.Advance(TimeSpan.FromSeconds(30));

        cut.WaitForElement("[data-testid=error-state]");
        cut.FindAll("[data-testid^=kpi-]").Should().BeEmpty();
        cut.Markup.Should().NotContain("$");
        cut.Find("[data-testid=live-updated]").TextContent.PlainSpaces().Should().Contain("Updated 10:59:59 AM", "the last good refresh");
    }

    [Fact]
    public async Task Refresh_OnLaterTablePage_ShowsFirstPage()
    {
        var cut = RenderLoadedPage("1h");
        var viewModel = cut.Instance.ViewModel;
        await cut.InvokeAsync(() => viewModel.LoadPageAsync(50, Xunit.TestContext.Current.CancellationToken));
        viewModel.Query!.Offset.Should().Be(50);

        Clock.Advance(TimeSpan.FromSeconds(30));

        cut.WaitForAssertion(() => viewModel.Query!.To.Should().Be(s_now.AddSeconds(30)));
        viewModel.Query!.Offset.Should().Be(0, "a refresh shows the newest requests");
    }

    private IRenderedComponent<Activity> RenderLoadedPage(string range, string timeZone = "UTC")
    {
        Navigate(range, timeZone);
        var cut = Render<Activity>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=loaded-state]"));

        return cut;
    }

    private void Navigate(string range, string timeZone = "UTC")
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameters("/activity", new Dictionary<string, object?>
        {
            ["range"] = range,
            ["tz"] = timeZone,
        }));
    }
}
