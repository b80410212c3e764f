using System.Globalization;

namespace ActivityDashboard.Configuration;

/// <summary>
/// <c>dotnet ActivityDashboard.dll health [--url URL]</c>: asks a running dashboard's <c>/health/live</c> and exits 0
/// when it answers 200, else 1 with the reason. It is the container image's <c>HEALTHCHECK</c> (the ASP.NET Core
/// runtime image has no curl), so it runs before any of the app is built: no database, no configuration check.
/// </summary>
internal static class HealthCheckCommand
{
    /// <summary>How long the check waits for the answer: well inside the image's HEALTHCHECK timeout.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static bool IsHealthCommand(string[] args) => args.Length > 0 && string.Equals(args[0], "health", StringComparison.Ordinal);

    /// <summary>Checks <c>--url</c>, else the live endpoint on the first address of <paramref name="urls"/> (ASPNETCORE_URLS).</summary>
    public static async Task<int> RunAsync(string[] args, string? urls, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        if (!TryTarget(args, urls, out var target, out var problem))
        {
            await error.WriteLineAsync(problem);

            return 2;
        }

        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(target);
            if (response.IsSuccessStatusCode)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{target}: {(int)response.StatusCode} healthy"));

                return 0;
            }

            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{target}: status {(int)response.StatusCode}"));
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"{target}: no answer ({ex.Message})");
        }
        catch (TaskCanceledException)
        {
            await error.WriteLineAsync($"{target}: no answer within {Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }

        return 1;
    }

    /// <summary>
    /// The URL to ask: <c>--url</c> as given, else <see cref="TelemetryExtensions.LivePath"/> on the first of
    /// <paramref name="urls"/> (<c>;</c>-separated, as ASP.NET Core reads them), a wildcard host (<c>+</c>, <c>*</c>,
    /// <c>0.0.0.0</c>, <c>[::]</c>) asked on 127.0.0.1; without either, http://127.0.0.1:8080.
    /// </summary>
    internal static bool TryTarget(string[] args, string? urls, out Uri target, out string problem)
    {
        target = null!;
        problem = "";
        if (args.Length > 1)
        {
            if (args.Length != 3 || args[1] != "--url" || !Uri.TryCreate(args[2], UriKind.Absolute, out var given) || given.Scheme is not ("http" or "https"))
            {
                problem = "Usage: health [--url http://host:port/health/live]";

                return false;
            }

            target = given;

            return true;
        }

        var first = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? "http://127.0.0.1:8080";
        var local = first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        if (!Uri.TryCreate(local, UriKind.Absolute, out var listening) || listening.Scheme is not ("http" or "https"))
        {
            problem = $"ASPNETCORE_URLS starts with '{first}', which is not an http:// or https:// address; pass --url.";

            return false;
        }

        target = new Uri(listening, TelemetryExtensions.LivePath);

        return true;
    }
}
