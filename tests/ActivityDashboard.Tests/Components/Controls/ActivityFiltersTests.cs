using System.Globalization;
using ActivityDashboard.Components.Controls;
using ActivityDashboard.Model;
using ActivityDashboard.Tests.Shared;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace ActivityDashboard.Tests.Components.Controls;

public sealed class ActivityFiltersTests : BunitContext
{
    // 20 June 2026 on the viewer's clock in UTC and in Kolkata alike.
    private static readonly DateTimeOffset s_now = new(2026, 6, 20, 9, 59, 59, TimeSpan.Zero);

    private readonly List<ActivityFilterValues> _raised = [];

    public ActivityFiltersTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(s_now));
    }

    [Fact]
    public void Render_CustomRange_FieldsAreTypableWithTheFormatNamed()
    {
        var cut = RenderCustomRange();

        cut.Find("input[aria-label='Start date']").HasAttribute("readonly").Should().BeFalse();
        cut.Find("input[aria-label='End date']").HasAttribute("readonly").Should().BeFalse();
        cut.Find("[data-testid=custom-range]").HasAttribute("data-commit-on-enter").Should().BeTrue("Enter commits typed days");
        cut.Find("[data-testid=custom-range] .mud-input-helper-text").TextContent.Should().Be("Type days as M/d/yyyy or pick them");
        cut.Find("button[aria-label='Open the calendar']").Should().NotBeNull();
    }

    [Fact]
    public void OpenCalendar_CustomRange_ShowsOneMonthWithBothArrows()
    {
        var popovers = Render<MudPopoverProvider>();
        var cut = RenderCustomRange();

        cut.Find("button[aria-label='Open the calendar']").Click();

        // Two months side by side did not fit the pop-up: the second one and both "next" arrows were cut off.
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-picker-calendar-header-transition").Should().ContainSingle()
            .Which.TextContent.Trim().Should().Be("June 2026"));
        popovers.FindAll("button[aria-label^='Previous month']").Should().ContainSingle();
        popovers.FindAll("button[aria-label^='Next month']").Should().ContainSingle();
    }

    [Fact]
    public void TypeDays_ValidRange_PutsTheirLocalMidnightsInTheAddress()
    {
        var cut = RenderCustomRange(timeZone: "Asia/Kolkata");

        TypeDays(cut, "6/10/2026", "6/12/2026");

        // 10-12 June in Kolkata is [10 Jun 00:00+05:30, 13 Jun 00:00+05:30).
        _raised.Should().ContainSingle();
        _raised[0].From.Should().Be("2026-06-10T00:00:00+05:30");
        _raised[0].To.Should().Be("2026-06-13T00:00:00+05:30");
        _raised[0].Range.Should().BeNull();
    }

    [Fact]
    public void TypeDays_GermanViewer_ReadsTheGermanFormat()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        var cut = RenderCustomRange();

        TypeDays(cut, "10.06.2026", "12.06.2026");

        _raised.Should().ContainSingle().Which.To.Should().Be("2026-06-13T00:00:00+00:00");
        cut.Find("[data-testid=custom-range] .mud-input-helper-text").TextContent.Should().Be("Type days as dd.MM.yyyy or pick them");
    }

    [Theory]
    [InlineData("6/45/2026", "6/12/2026", "Enter both days as M/d/yyyy, for example 6/20/2026.")]
    [InlineData("6/10/2026", "", "Enter both days as M/d/yyyy, for example 6/20/2026.")]
    [InlineData("6/12/2026", "6/10/2026", "The first day must not be after the last day.")]
    [InlineData("6/10/2026", "6/21/2026", "The last day can be today (6/20/2026) at the latest.")]
    [InlineData("3/1/2026", "6/10/2026", "A custom range is at most 90 days; these are 102.")]
    public void TypeDays_Unusable_SaysWhyKeepsTheTextAndChangesNothing(string first, string last, string message)
    {
        var cut = RenderCustomRange();

        TypeDays(cut, first, last);

        // The message also names the days the numbers on the page are still for (the address's 1 to 3 June).
        message += " The page still shows 6/1/2026 to 6/3/2026 (UTC).";
        _raised.Should().BeEmpty();
        cut.Find("[data-testid=custom-range] .mud-input-helper-text.mud-input-error").TextContent.Should().Be(message);
        cut.Find("[data-testid=custom-range-message]").TextContent.Should().Be(message, "a status region announces it");
        cut.Find("input[aria-label='End date']").GetAttribute("aria-invalid").Should().Be("true");
        cut.Find("input[aria-label='Start date']").GetAttribute("value").Should().Be(first);
        cut.Find("input[aria-label='End date']").GetAttribute("value").Should().Be(last);
    }

    [Fact]
    public void TypeDays_NinetyDaysAcrossTheEndOfSummerTime_SaysTheClockChangeMakesThemTooLong()
    {
        // 90 local days from 1 August to 29 October 2025 in Berlin hold the change back to winter time: 90 days and
        // an hour, which the page refuses.
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2025, 11, 5, 12, 0, 0, TimeSpan.Zero)));
        var cut = Render<ActivityFilters>(p => p
            .Add(x => x.From, "2025-10-30T00:00:00+01:00")
            .Add(x => x.To, "2025-11-02T00:00:00+01:00")
            .Add(x => x.TimeZone, "Europe/Berlin")
            .Add(x => x.OnChanged, values => _raised.Add(values)));

        TypeDays(cut, "8/1/2025", "10/29/2025");

        _raised.Should().BeEmpty();
        cut.Find("[data-testid=custom-range] .mud-input-helper-text.mud-input-error").TextContent
            .Should().Be("A custom range is at most 90 × 24 hours; a change of clocks makes these 90 days longer."
                + " The page still shows 10/30/2025 to 11/1/2025 (Europe/Berlin).");
    }

    [Fact]
    public void Render_AddressRangeNotOnLocalMidnights_SaysWhichHoursAreShown()
    {
        // Midnight to midnight in UTC is 01:00 to 01:00 in Berlin: the day fields can only show the days around it.
        var cut = Render<ActivityFilters>(p => p
            .Add(x => x.From, "2026-06-01T00:00:00Z")
            .Add(x => x.To, "2026-06-02T00:00:00Z")
            .Add(x => x.TimeZone, "Europe/Berlin")
            .Add(x => x.OnChanged, values => _raised.Add(values)));

        cut.Find("[data-testid=custom-range] .mud-input-helper-text").TextContent.PlainSpaces().Should().Be(
            "Shown: 6/1/2026 2:00:00 AM CEST to 6/2/2026 2:00:00 AM CEST. Type days as M/d/yyyy or pick them");
    }

    [Fact]
    public void TypeDays_FixedAfterAMessage_ClearsItAndApplies()
    {
        var cut = RenderCustomRange();
        TypeDays(cut, "6/10/2026", "6/21/2026");

        TypeDays(cut, "6/10/2026", "6/11/2026");

        cut.FindAll("[data-testid=custom-range] .mud-input-helper-text.mud-input-error").Should().BeEmpty();
        cut.Find("[data-testid=custom-range-message]").TextContent.Should().BeEmpty();
        _raised.Should().ContainSingle().Which.To.Should().Be("2026-06-12T00:00:00+00:00");
    }

    [Fact]
    public void TypeDays_BackToTheDaysShown_ClearsTheMessageAndChangesNothing()
    {
        var cut = RenderCustomRange();
        TypeDays(cut, "6/1/2026", "6/21/2026");

        cut.Find("input[aria-label='End date']").Change("6/3/2026");

        cut.FindAll("[data-testid=custom-range] .mud-input-helper-text.mud-input-error").Should().BeEmpty();
        _raised.Should().BeEmpty("the address already holds these days");
    }

    // Typed text reaches the picker through the input's change event: leaving the field, or Enter (activity-dashboard.js).
    private static void TypeDays(IRenderedComponent<ActivityFilters> cut, string first, string last)
    {
        cut.Find("input[aria-label='Start date']").Change(first);
        cut.Find("input[aria-label='End date']").Change(last);
    }

    private IRenderedComponent<ActivityFilters> RenderCustomRange(string timeZone = "UTC") =>
        Render<ActivityFilters>(p => p
            .Add(x => x.From, "2026-06-01T00:00:00" + (timeZone == "UTC" ? "Z" : "+05:30"))
            .Add(x => x.To, "2026-06-04T00:00:00" + (timeZone == "UTC" ? "Z" : "+05:30"))
            .Add(x => x.TimeZone, timeZone)
            .Add(x => x.OnChanged, values => _raised.Add(values)));
}
