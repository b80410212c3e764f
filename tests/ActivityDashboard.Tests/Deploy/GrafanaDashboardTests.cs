using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ActivityDashboard.Tests.Deploy;

/// <summary>
/// The shipped Grafana dashboard (<c>deploy/grafana/activity-dashboard.json</c>): its queries are PromQL that
/// Prometheus' own parser accepts, each one is scoped to the chosen job and instances, and its panels are well formed.
/// That every metric and label it queries is exposed at <c>/metrics</c> is checked against a real scrape in
/// <c>MetricsEndpointTests</c>.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    private const string Scope = "{job=\"$job\", instance=~\"$instance\"";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Queries_ThroughPromtool_ParseAsPromQl()
    {
        // Arrange: each query becomes a recording rule, which promtool parses with Prometheus' own PromQL parser.
        var queries = GrafanaDashboard.Queries(GrafanaDashboard.Read());
        queries.Should().HaveCountGreaterThan(10);
        var rules = new StringBuilder("groups:\n  - name: grafana-dashboard-queries\n    rules:\n");
        for (var i = 0; i < queries.Count; i++)
        {
            rules.Append(CultureInfo.InvariantCulture, $"      - record: grafana:query_{i}\n");
            rules.Append(CultureInfo.InvariantCulture, $"        expr: {JsonSerializer.Serialize(GrafanaDashboard.AsPromQl(queries[i]))}\n");
        }

        var directory = Directory.CreateTempSubdirectory("grafana-queries-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "queries.yml"), rules.ToString(), Ct);

            // Act
            var (exitCode, output) = await Promtool.RunAsync(directory.FullName, "check", "rules", "queries.yml");

            // Assert
            exitCode.Should().Be(0, output);
            output.Should().Contain($"SUCCESS: {queries.Count} rules found");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Queries_EachMetricSelector_IsScopedToTheChosenJobAndInstances()
    {
        foreach (var query in GrafanaDashboard.Queries(GrafanaDashboard.Read()))
        {
            var selectors = MetricSelector().Matches(query);
            selectors.Should().NotBeEmpty(query);
            selectors.Should().OnlyContain(s => s.Groups["scope"].Value.StartsWith(Scope, StringComparison.Ordinal), query);
        }
    }

    [Fact]
    public void Panels_EachHasAUniqueIdATitleAndThePrometheusVariable()
    {
        var dashboard = GrafanaDashboard.Read();
        var panels = GrafanaDashboard.Panels(dashboard);

        panels.Select(p => p.GetProperty("id").GetInt32()).Should().OnlyHaveUniqueItems();
        panels.Should().OnlyContain(p => p.GetProperty("title").GetString()!.Length > 0);
        var queryPanels = panels.Where(p => p.GetProperty("type").GetString() != "row").ToList();
        queryPanels.Should().OnlyContain(p => p.GetProperty("datasource").GetProperty("uid").GetString() == "${datasource}");
        queryPanels.SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Should().OnlyContain(t => t.GetProperty("datasource").GetProperty("uid").GetString() == "${datasource}");
        dashboard.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Select(v => v.GetProperty("name").GetString())
            .Should().Equal("datasource", "job", "instance");
    }

    // A metric name and what follows it: a selector's braces, which must start with the dashboard's scope.
    [GeneratedRegex(@"\b(?:activitydashboard|http_server)_[a-z_]+(?<scope>\{[^}]*\}|)")]
    private static partial Regex MetricSelector();
}
