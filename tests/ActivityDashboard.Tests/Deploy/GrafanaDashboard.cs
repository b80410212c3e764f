using System.Text.Json;
using System.Text.RegularExpressions;
using ActivityDashboard.Tests.Shared;

namespace ActivityDashboard.Tests.Deploy;

/// <summary>The shipped Grafana dashboard, <c>deploy/grafana/activity-dashboard.json</c>, read for the tests.</summary>
internal static partial class GrafanaDashboard
{
    public static string FilePath => Path.Combine(RepositoryRoot.Find(), "deploy", "grafana", "activity-dashboard.json");

    public static JsonElement Read() => JsonDocument.Parse(File.ReadAllText(FilePath)).RootElement.Clone();

    /// <summary>Every panel, rows' nested panels included.</summary>
    public static IReadOnlyList<JsonElement> Panels(JsonElement dashboard) =>
        [.. dashboard.GetProperty("panels").EnumerateArray().SelectMany(p => p.TryGetProperty("panels", out var nested)
            ? nested.EnumerateArray().Prepend(p)
            : [p])];

    /// <summary>Every PromQL expression of every panel's targets, as written (with Grafana's variables).</summary>
    public static IReadOnlyList<string> Queries(JsonElement dashboard) =>
        [.. Panels(dashboard)
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)];

    /// <summary>
    /// <paramref name="query"/> as plain PromQL: Grafana's variables replaced by what they stand for on a dashboard
    /// showing every instance of the default job.
    /// </summary>
    public static string AsPromQl(string query) => query
        .Replace("$__rate_interval", "5m", StringComparison.Ordinal)
        .Replace("$job", "activity-dashboard", StringComparison.Ordinal)
        .Replace("$instance", ".*", StringComparison.Ordinal);

    /// <summary>The dashboard's own metric names (activitydashboard_*, http_server_*), once each.</summary>
    public static IReadOnlyList<string> MetricNames(IEnumerable<string> queries) =>
        [.. queries.SelectMany(q => MetricName().Matches(q).Select(m => m.Value)).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Each metric with a label a query groups by (<c>sum by (outcome) (rate(metric{…</c>), leaving out <c>le</c> and
    /// the <c>job</c> and <c>instance</c> labels that Prometheus itself adds.
    /// </summary>
    public static IReadOnlyList<(string Metric, string Label)> GroupingLabels(IEnumerable<string> queries) =>
        [.. queries
            .SelectMany(q => Grouping().Matches(q))
            .SelectMany(m => m.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(label => (Metric: m.Groups["metric"].Value, Label: label)))
            .Where(pair => pair.Label is not ("le" or "job" or "instance"))
            .Distinct()];

    [GeneratedRegex(@"\b(?:activitydashboard|http_server)_[a-z_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"by \((?<labels>[a-z_, ]+)\) \((?:rate|increase)\((?<metric>[a-z_]+)\{")]
    private static partial Regex Grouping();
}
