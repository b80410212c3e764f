using ActivityDashboard.Components.Controls;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor.Services;

namespace ActivityDashboard.Tests.Components.Controls;

public sealed class ChoiceGroupTests : BunitContext
{
    private static readonly IReadOnlyList<ChoiceOption<string>> s_options =
        [new("1h", "Last hour"), new("24h", "Last 24 hours"), new("7d", "Last 7 days")];

    private readonly List<string> _chosen = [];

    public ChoiceGroupTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
    }

    [Fact]
    public void Render_AnnouncesARadioGroupWithOneCheckedRadioAndOneTabStop()
    {
        var cut = RenderGroup("24h");

        cut.Find("[role=radiogroup]").GetAttribute("aria-label").Should().Be("Range");
        var radios = cut.FindAll("[role=radio]");
        radios.Select(r => r.TextContent.Trim()).Should().Equal("Last hour", "Last 24 hours", "Last 7 days");
        radios.Select(r => r.GetAttribute("aria-checked")).Should().Equal("false", "true", "false");
        radios.Select(r => r.GetAttribute("tabindex")).Should().Equal("-1", "0", "-1");
    }

    [Fact]
    public void Render_ValueMatchesNoOption_FirstRadioKeepsTheTabStop()
    {
        var cut = RenderGroup("custom");

        cut.FindAll("[role=radio]").Select(r => r.GetAttribute("aria-checked")).Should().AllBe("false");
        cut.FindAll("[role=radio]").Select(r => r.GetAttribute("tabindex")).Should().Equal("0", "-1", "-1");
    }

    [Theory]
    [InlineData("ArrowRight", "7d")]
    [InlineData("ArrowDown", "7d")]
    [InlineData("ArrowLeft", "1h")]
    [InlineData("ArrowUp", "1h")]
    [InlineData("Home", "1h")]
    [InlineData("End", "7d")]
    public void KeyDown_MovementKey_ChoosesThatOption(string key, string expected)
    {
        var cut = RenderGroup("24h");

        cut.Find("[role=radiogroup]").KeyDown(new KeyboardEventArgs { Key = key });

        _chosen.Should().Equal(expected);
    }

    [Fact]
    public void KeyDown_PastTheLastOption_WrapsToTheFirst()
    {
        var cut = RenderGroup("7d");

        cut.Find("[role=radiogroup]").KeyDown(new KeyboardEventArgs { Key = "ArrowRight" });

        _chosen.Should().Equal("1h");
    }

    [Fact]
    public void KeyDown_OtherKey_ChoosesNothing()
    {
        var cut = RenderGroup("24h");

        cut.Find("[role=radiogroup]").KeyDown(new KeyboardEventArgs { Key = "Tab" });

        _chosen.Should().BeEmpty();
    }

    [Fact]
    public void Click_OnlyAnotherOption_RaisesTheChoice()
    {
        var cut = RenderGroup("24h");

        cut.FindAll("[role=radio]")[1].Click();
        cut.FindAll("[role=radio]")[2].Click();

        _chosen.Should().Equal("7d");
    }

    private IRenderedComponent<ChoiceGroup<string>> RenderGroup(string value) =>
        Render<ChoiceGroup<string>>(parameters => parameters
            .Add(p => p.Options, s_options)
            .Add(p => p.Value, value)
            .Add(p => p.Label, "Range")
            .Add(p => p.ValueChanged, (string chosen) => _chosen.Add(chosen)));
}
