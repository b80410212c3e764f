using ActivityDashboard.Core.Activity;

namespace ActivityDashboard.Model;

/// <summary>
/// Takes provider cost out of a report before it reaches the page of a viewer who may not see it. In Blazor Server
/// whatever the components hold can end up in what goes over the circuit, so the numbers are dropped here, not hidden
/// in markup.
/// </summary>
public static class ActivityReportRedaction
{
    /// <summary>A copy of <paramref name="report"/> with every provider cost set to zero; nothing else changes.</summary>
    public static ActivityReport WithoutProviderCost(this ActivityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);

        return report with
        {
            Buckets = report.Buckets.Select(WithoutProviderCost).ToList(),
            Groups = report.Groups.Select(g => g with { Buckets = g.Buckets.Select(WithoutProviderCost).ToList() }).ToList(),
            Totals = report.Totals with { ProviderCost = 0m },
            Rows = report.Rows.Select(r => r with { ProviderCost = 0m }).ToList(),
        };
    }

    private static ActivityBucket WithoutProviderCost(ActivityBucket bucket) => bucket with { ProviderCost = 0m };
}
