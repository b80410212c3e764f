using System.Diagnostics.Metrics;
using ActivityDashboard.Components.Pages;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Core.Services;
using ActivityDashboard.Telemetry;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ActivityDashboard.Tests.Components.Pages;

/// <summary>Loads of <c>/activity</c> are measured on the activity meter as the "page" surface, like API calls.</summary>
public sealed class ActivityPageMetricsTests : DashboardTestContext, IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 5, 10, 59, 59, TimeSpan.Zero);

    private readonly MetricCollector<double> _durations;

    public ActivityPageMetricsTests(PostgresDatabase database)
        : base(database, s_now)
    {
        _durations = new MetricCollector<double>(
            Services.GetRequiredService<IMeterFactory>(),
            ActivityTelemetry.Name,
            "activitydashboard.activity.request.duration");
    }

    [Fact]
    public void Render_Loaded_RecordsOnePageLoadAsSuccess()
    {
        Usage.Add(AccountId, [TestData.UsageEvent(callId: "c1", at: s_now.AddMinutes(-10))]);

        var cut = RenderPage("range=1h");

        cut.WaitForElement("[data-testid=loaded-state]");
        cut.WaitForAssertion(() => Tags().Should().Equal(("page", "success", "none")));
    }

    [Fact]
    public void Render_SourceTimesOut_RecordsASourceErrorWithItsReason()
    {
        Usage.Failure = UsageSourceFailure.Timeout;

        var cut = RenderPage("range=7d");

        cut.WaitForElement("[data-testid=error-state]");
        cut.WaitForAssertion(() => Tags().Should().Equal(("page", "source_error", "usage_source_timeout")));
    }

    [Fact]
    public void Render_InvalidStepInAddress_RecordsAClientErrorWithItsReason()
    {
        var cut = RenderPage("range=1h&step=7m");

        cut.WaitForElement("[data-testid=invalid-input-state]");
        cut.WaitForAssertion(() => Tags().Should().Equal(("page", "client_error", "invalid_step")));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _durations.Dispose();
        }

        base.Dispose(disposing);
    }

    private List<(object?, object?, object?)> Tags() =>
        _durations.GetMeasurementSnapshot()
            .Select(m => (
                m.Tags[ActivityRequestMetrics.SurfaceTag],
                m.Tags[ActivityRequestMetrics.OutcomeTag],
                m.Tags[ActivityRequestMetrics.ReasonTag]))
            .ToList();

    private IRenderedComponent<Activity> RenderPage(string query)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/activity?tz=UTC&" + query);

        return Render<Activity>();
    }
}
