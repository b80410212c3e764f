using ActivityDashboard.Tests.Shared;

namespace ActivityDashboard.Tests.Deploy;

/// <summary>
/// The shipped alert rules (<c>deploy/prometheus/alerts.yml</c>) through <see cref="Promtool"/>: they parse, and their
/// unit tests (<c>alerts.test.yml</c>) pass.
/// </summary>
public sealed class PrometheusRulesTests
{
    private static string RulesDirectory => Path.Combine(RepositoryRoot.Find(), "deploy", "prometheus");

    [Fact]
    public async Task CheckRules_ShippedAlerts_Pass()
    {
        var (exitCode, output) = await Promtool.RunAsync(RulesDirectory, "check", "rules", "alerts.yml");

        exitCode.Should().Be(0, output);
        output.Should().Contain("SUCCESS");
    }

    [Fact]
    public async Task TestRules_ShippedUnitTests_Pass()
    {
        var (exitCode, output) = await Promtool.RunAsync(RulesDirectory, "test", "rules", "alerts.test.yml");

        exitCode.Should().Be(0, output);
        output.Should().Contain("SUCCESS");
    }
}
