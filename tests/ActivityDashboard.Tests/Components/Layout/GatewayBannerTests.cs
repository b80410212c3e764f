using ActivityDashboard.Components.Layout;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Core.Gateway;
using ActivityDashboard.Tests.Shared;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace ActivityDashboard.Tests.Components.Layout;

public sealed class GatewayBannerTests : BunitContext
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 15, 9, 59, 59, TimeSpan.Zero));

    public GatewayBannerTests()
    {
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("viewer@example.test");
    }

    private BunitAuthorizationContext Authorization { get; }

    private GatewayHealthMonitor Monitor => Services.GetRequiredService<GatewayHealthMonitor>();

    [Fact]
    public void Banner_StateChangesWhilePageOpen_AppearsUpdatesAndGoesAway()
    {
        Services.AddGatewayForTests(_clock);
        var cut = RenderLayout();
        cut.FindAll("[data-testid=gateway-banner]").Should().BeEmpty();

        Monitor.Feed(_clock, ProbeOutcome.Slow, 2);

        cut.WaitForAssertion(() => cut.Find("[data-testid=gateway-banner]").TextContent.Should()
            .Contain("The LiteLLM gateway is degraded: usage data may be delayed or unavailable."));

        Monitor.Feed(_clock, ProbeOutcome.Failure, 3);

        cut.WaitForAssertion(() => cut.Find("[data-testid=gateway-banner]").TextContent.Should().Contain("gateway is unavailable"));
        cut.Find("[data-testid=page-body]").TextContent.Should().Be("Activity", "the banner sits above the page, not instead of it");

        Monitor.Feed(_clock, ProbeOutcome.Success, 2);
        cut.Find("[data-testid=gateway-banner]").TextContent.Should().Contain("unavailable", "two fast answers are not yet a recovery");
        Monitor.Feed(_clock, ProbeOutcome.Success, 1);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=gateway-banner]").Should().BeEmpty());
    }

    [Fact]
    public void Banner_Operator_LinksToTheHealthPage()
    {
        Authorization.SetRoles(DashboardRoles.Operator);
        Services.AddGatewayForTests(_clock);
        var cut = RenderLayout();

        Monitor.Feed(_clock, ProbeOutcome.Failure, 3);

        cut.WaitForAssertion(() => cut.Find("[data-testid=gateway-banner-details]").GetAttribute("href").Should().Be("/admin/gateway-health"));
    }

    [Fact]
    public void Banner_PlainUser_NoLinkToTheHealthPage()
    {
        Services.AddGatewayForTests(_clock);
        var cut = RenderLayout();

        Monitor.Feed(_clock, ProbeOutcome.Failure, 3);

        cut.WaitForAssertion(() => cut.Find("[data-testid=gateway-banner]"));
        cut.FindAll("[data-testid=gateway-banner-details]").Should().BeEmpty();
    }

    [Fact]
    public void Banner_NotMonitored_NeverShows()
    {
        Services.AddGatewayForTests(_clock, new Dictionary<string, string?> { ["GatewayHealth:Enabled"] = "false" });
        var cut = RenderLayout();

        Monitor.Feed(_clock, ProbeOutcome.Failure, 3);

        Monitor.Current.State.Should().Be(GatewayState.Unavailable, "results fed by hand still move the state");
        cut.Render();
        cut.FindAll("[data-testid=gateway-banner]").Should().BeEmpty();
    }

    [Fact]
    public void Banner_SignedOut_NeverShows()
    {
        Authorization.SetNotAuthorized();
        Services.AddGatewayForTests(_clock);
        var cut = RenderLayout();

        Monitor.Feed(_clock, ProbeOutcome.Failure, 3);

        cut.Render();
        cut.FindAll("[data-testid=gateway-banner]").Should().BeEmpty();
    }

    [Fact]
    public async Task Banner_LayoutDisposed_StopsListening()
    {
        Services.AddGatewayForTests(_clock);
        RenderLayout();
        Monitor.ListenerCount.Should().Be(1);

        await DisposeComponentsAsync();

        Monitor.ListenerCount.Should().Be(0);
    }

    private IRenderedComponent<MainLayout> RenderLayout()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        return Render<MainLayout>(parameters => parameters
            .Add(layout => layout.Body, (RenderFragment)(builder =>
            {
                builder.OpenElement(0, "p");
                builder.AddAttribute(1, "data-testid", "page-body");
                builder.AddContent(2, "Activity");
                builder.CloseElement();
            })));
    }
}
