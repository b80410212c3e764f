using ActivityDashboard.Components.Layout;
using ActivityDashboard.Tests.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;

namespace ActivityDashboard.Tests.Components.Layout;

public sealed class MainLayoutThemeTests : BunitContext
{
    public MainLayoutThemeTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        AddAuthorization().SetAuthorized("viewer@example.test");
        Services.AddGatewayForTests(TimeProvider.System);
    }

    [Fact]
    public void ThemeSwitch_Clicked_TogglesDarkModeBothWays()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var cut = RenderLayout();
        ShowsDarkPalette(cut).Should().BeFalse("the system reports light (no answer from the browser)");
        cut.Find("[data-testid=theme-switch]").GetAttribute("aria-label").Should().Be("Dark theme");

        cut.Find("[data-testid=theme-switch]").Click();

        ShowsDarkPalette(cut).Should().BeTrue();
        cut.Find("[data-testid=theme-switch]").GetAttribute("aria-label").Should().Be("Light theme");

        cut.Find("[data-testid=theme-switch]").Click();

        ShowsDarkPalette(cut).Should().BeFalse();
        cut.Find("[data-testid=theme-switch]").GetAttribute("aria-label").Should().Be("Dark theme");
    }

    [Fact]
    public void FirstRender_SystemPrefersDark_ShowsDarkTheme()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Setup<bool>(invocation => invocation.Identifier.Contains("darkMode", StringComparison.OrdinalIgnoreCase)
            || invocation.Identifier.Contains("DarkTheme", StringComparison.OrdinalIgnoreCase)).SetResult(true);

        var cut = RenderLayout();

        cut.WaitForAssertion(() => ShowsDarkPalette(cut).Should().BeTrue());
        cut.Find("[data-testid=theme-switch]").GetAttribute("aria-label").Should().Be("Light theme");
    }

    [Fact]
    public void ThemeSwitch_Clicked_KeepsTheChoiceInTheBrowser()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var stored = JSInterop.SetupVoid("activityDashboard.storeTheme", _ => true);
        var cut = RenderLayout();

        cut.Find("[data-testid=theme-switch]").Click();
        cut.Find("[data-testid=theme-switch]").Click();

        stored.Invocations.Select(i => i.Arguments[0]).Should().Equal("dark", "light");
    }

    [Fact]
    public void FirstRender_DarkChosenBeforeOnALightSystem_ShowsTheChosenDarkTheme()
    {
        // A reload or a later visit: the browser keeps "dark" from an earlier click, and the system says light.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Setup<string?>("activityDashboard.storedTheme").SetResult("dark");
        JSInterop.Setup<bool>(invocation => invocation.Identifier.Contains("darkMode", StringComparison.OrdinalIgnoreCase)
            || invocation.Identifier.Contains("DarkTheme", StringComparison.OrdinalIgnoreCase)).SetResult(false);

        var cut = RenderLayout();

        cut.WaitForAssertion(() => ShowsDarkPalette(cut).Should().BeTrue());
        cut.Find("[data-testid=theme-switch]").GetAttribute("aria-label").Should().Be("Light theme");
    }

    [Fact]
    public void StaticRender_NoCircuit_RendersWithoutSwitch()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = RenderLayout();

        cut.FindAll("[data-testid=theme-switch]").Should().BeEmpty("the switch needs a circuit");
        cut.Find("[data-testid=page-body]").TextContent.Should().Be("Sign in");
    }

    // What the browser gets: the theme provider's style sheet carries the dark palette's background, or the light one's.
    private static bool ShowsDarkPalette(IRenderedComponent<MainLayout> cut)
    {
        var dark = "--mud-palette-background: " + new PaletteDark().Background;
        var light = "--mud-palette-background: " + new PaletteLight().Background;
        var markup = cut.Markup;
        markup.Should().Contain(markup.Contains(dark, StringComparison.Ordinal) ? dark : light);

        return markup.Contains(dark, StringComparison.Ordinal);
    }

    private IRenderedComponent<MainLayout> RenderLayout() => Render<MainLayout>(parameters => parameters
        .Add(layout => layout.Body, (RenderFragment)(builder =>
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "data-testid", "page-body");
            builder.AddContent(2, "Sign in");
            builder.CloseElement();
        })));
}
