using System.Diagnostics;

namespace ActivityDashboard.Tests.Deploy;

/// <summary>
/// Prometheus' own <c>promtool</c>, from the Debian <c>prometheus</c> package that <c>scripts/test</c> installs;
/// <c>ACTIVITY_TEST_PROMTOOL</c> names another binary. Without it the tests that use it fail, saying how to get it.
/// </summary>
internal static class Promtool
{
    /// <summary>Runs promtool with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; its exit code and all it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] arguments)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo(Find())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string Find()
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
            "promtool was not found on PATH, so the shipped Prometheus rules and dashboard queries cannot be checked. "
            + "Install the Debian 'prometheus' package (scripts/test does so when run as root) or set "
            + "ACTIVITY_TEST_PROMTOOL to a promtool binary.");
    }
}
