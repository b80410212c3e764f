using ActivityDashboard.Components.Pages;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Tests.Components.Pages;

/// <summary>The "Export CSV" link of /activity.</summary>
public sealed class ActivityPageExportTests(PostgresDatabase database)
    : DashboardTestContext(database, s_now), IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 5, 10, 59, 59, 123, TimeSpan.Zero);

    [Fact]
    public void Render_Loaded_ExportLinkCarriesThePinnedWindowAndTheView()
    {
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: s_now.AddHours(-2))]);

        var cut = RenderPage("range=24h&tz=Europe/Berlin&groupBy=model");
        cut.WaitForAssertion(() => cut.Find("[data-testid=loaded-state]"));

        var expected = "/api/v1/activity/export?from=2026-03-04T10%3A59%3A59.123Z&to=2026-03-05T10%3A59%3A59.123Z"
            + "&range=24h&step=1h&tz=Europe%2FBerlin&groupBy=model&account=" + AccountId;
        var link = cut.Find("a[data-testid=export-csv]");
        link.GetAttribute("href").Should().Be(expected, "the export names the window on screen, to the tick");
        link.HasAttribute("download").Should().BeTrue("the browser saves the answer as a file");
        link.TextContent.Should().Contain("Export CSV");

        // Time passes while the page is open: the link keeps the pinned window, it does not resolve 24h again.
        Clock.Advance(TimeSpan.FromMinutes(45));
        cut.Render();
        cut.Find("a[data-testid=export-csv]").GetAttribute("href").Should().Be(expected);
    }

    [Fact]
    public void Render_SourceFails_ShowsNoExportLink()
    {
        Usage.Failure = UsageSourceFailure.Unavailable;

        var cut = RenderPage("range=24h&tz=UTC");

        cut.WaitForAssertion(() => cut.Find("[data-testid=error-state]"));
        cut.FindAll("[data-testid=export-csv]").Should().BeEmpty("there is nothing on screen to export");
    }

    private IRenderedComponent<Activity> RenderPage(string query)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/activity?" + query);

        return Render<Activity>();
    }
}
