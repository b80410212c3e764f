namespace ActivityDashboard.Model;

/// <summary>What the chart plots.</summary>
public enum ActivityMetric
{
    Spend,
    Tokens,
    Requests,
}
