using ActivityDashboard.Components.Controls;
using ActivityDashboard.Core.Activity;

namespace ActivityDashboard.Tests.Components.Controls;

/// <summary>The breakdown chart's colours: distinct for every group shown, fixed for "Other" and "Unattributed".</summary>
public sealed class ActivityChartColorsTests
{
    [Fact]
    public void GroupColors_FiveNamedGroupsOtherAndUnattributed_AreAllDifferent()
    {
        string[] keys = ["gpt-4o", "claude-3-5-haiku", "gpt-4o-mini", "o3", "gemini", ActivityGroup.OtherKey, ActivityGroup.UnattributedKey];

        var colors = ActivityChart.GroupColors(keys);

        colors.Should().HaveCount(7).And.OnlyHaveUniqueItems();
        colors[5].Should().Be("#999999");
        colors[6].Should().Be("#D55E00");
    }

    [Fact]
    public void GroupColors_UnattributedFirst_KeepsItsColourAndTheNamedOrder()
    {
        var colors = ActivityChart.GroupColors([ActivityGroup.UnattributedKey, "gpt-4o", "o3"]);

        colors.Should().Equal("#D55E00", "#0072B2", "#E69F00");
    }
}
