using System.Diagnostics;
using ActivityDashboard.Tests.Shared;

namespace ActivityDashboard.Tests.Deploy;

/// <summary>
/// The shipped alert rules (<c>deploy/prometheus/alerts.yml</c>) through Prometheus' own <c>promtool</c>: they parse,
/// and their unit tests (<c>alerts.test.yml</c>) pass. promtool is the Debian <c>prometheus</c> package, which
/// <c>scripts/test</c> installs; <c>ACTIVITY_TEST_PROMTOOL</c> names another binary. Without it these tests fail.
/// </summary>
public sealed class PrometheusRulesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckRules_ShippedAlerts_Pass()
    {
        var (exitCode, output) = await RunPromtoolAsync("check", "rules", "alerts.yml");

        exitCode.Should().Be(0, output);
        output.Should().Contain("SUCCESS");
    }

    [Fact]
    public async Task TestRules_ShippedUnitTests_Pass()
    {
        var (exitCode, output) = await RunPromtoolAsync("test", "rules", "alerts.test.yml");

        exitCode.Should().Be(0, output);
        output.Should().Contain("SUCCESS");
    }

    private static async Task<(int ExitCode, string Output)> RunPromtoolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(FindPromtool())
        {
            WorkingDirectory = Path.Combine(RepositoryRoot.Find(), "deploy", "prometheus"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindPromtool()
    {
        var configured = Environment.GetEnvironmentVariable("ACTIVITY_TEST_PROMTOOL");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "promtool"))
            .FirstOrDefault(File.Exists);

        return onPath ?? throw new InvalidOperationException(
            "promtool was not found on PATH, so the shipped Prometheus rules cannot be checked. Install the Debian "
            + "'prometheus' package (scripts/test does so when run as root) or set ACTIVITY_TEST_PROMTOOL to a promtool binary.");
    }
}
