using ActivityDashboard.Components;
using ActivityDashboard.Components.Pages;
using ActivityDashboard.Tests.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ActivityDashboard.Tests.Components.Pages;

/// <summary>
/// Inside a circuit: the app's router shows <see cref="NotFound"/> in the app's layout for a route it cannot find.
/// (A link clicked to an unknown address is a full page load instead, which <c>NotFoundAnswersTests</c> covers.)
/// </summary>
public sealed class NotFoundPageTests : BunitContext
{
    public NotFoundPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        AddAuthorization().SetAuthorized("viewer@example.test");
        Services.AddGatewayForTests(TimeProvider.System);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void Router_NavigatedToAnUnknownRoute_ShowsTheNotFoundPageInTheLayout()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Render<Routes>();

        navigation.NavigateTo("/no/such/page?x=1");

        cut.WaitForAssertion(() => cut.Find("h1").TextContent.Should().Be("Page not found"));
        cut.FindAll(".mud-appbar").Should().ContainSingle("the page is shown in the app's layout");
        cut.Find("[data-testid=not-found-address]").TextContent.Should().Be("/no/such/page?x=1");
        cut.Find("[data-testid=not-found-activity-link]").GetAttribute("href").Should().Be("/activity");
    }

    [Fact]
    public void Render_AddressWithMarkup_ShowsItDecodedAsText()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/x/%3Cb%3Ebold%3C%2Fb%3E");

        var cut = Render<NotFound>();

        cut.Find("[data-testid=not-found-address]").TextContent.Should().Be("/x/<b>bold</b>");
        cut.FindAll("code b").Should().BeEmpty("the address is text, not markup");
    }
}
