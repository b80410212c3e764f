namespace ActivityDashboard.Model;

/// <summary>The page's choices as they go into the address (null leaves a parameter out).</summary>
public sealed record ActivityFilterValues(
    string? Range,
    string? From,
    string? To,
    string? Step,
    string? TimeZone,
    ActivityMetric Metric,
    string? GroupBy);
