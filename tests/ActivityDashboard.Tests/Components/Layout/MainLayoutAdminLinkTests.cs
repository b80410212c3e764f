using ActivityDashboard.Components.Layout;
using ActivityDashboard.Core.Accounts;
using ActivityDashboard.Tests.Shared;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace ActivityDashboard.Tests.Components.Layout;

/// <summary>The app bar links to the operator pages for operators only.</summary>
public sealed class MainLayoutAdminLinkTests : BunitContext
{
    private readonly BunitAuthorizationContext _authorization;

    public MainLayoutAdminLinkTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        _authorization = AddAuthorization();
        _authorization.SetAuthorized("viewer@example.test");
        Services.AddGatewayForTests(TimeProvider.System);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void Render_Operator_LinksToReconciliation()
    {
        _authorization.SetRoles(DashboardRoles.Operator);

        var cut = RenderLayout();

        cut.Find("[data-testid=admin-reconciliation-link]").GetAttribute("href").Should().Be("/admin/reconciliation");
        cut.Find("[data-testid=admin-gateway-health-link]").GetAttribute("href").Should().Be("/admin/gateway-health");
    }

    [Fact]
    public void Render_User_HasNoReconciliationLink()
    {
        var cut = RenderLayout();

        cut.FindAll("[data-testid=admin-reconciliation-link]").Should().BeEmpty();
        cut.Markup.Should().NotContain("/admin/");
    }

    [Fact]
    public void Render_Page_IsTheOneMainLandmarkAndTheAppBarIsNotInIt()
    {
        var cut = RenderLayout();

        var main = cut.FindAll("main").Should().ContainSingle().Subject;
        main.TextContent.Trim().Should().Be("page");
        cut.Find("header").TextContent.Should().Contain("ActivityDashboard");
    }

    private IRenderedComponent<MainLayout> RenderLayout() => Render<MainLayout>(parameters => parameters
        .Add(layout => layout.Body, (RenderFragment)(builder => builder.AddContent(0, "page"))));
}
