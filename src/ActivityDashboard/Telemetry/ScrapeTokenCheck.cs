using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ActivityDashboard.Telemetry;

/// <summary>
/// Guards the <c>/metrics</c> branch with <see cref="MetricsOptions.ScrapeToken"/>: a scraper cannot sign in, so it
/// sends a bearer token instead. Without a configured token the endpoint is open.
/// </summary>
public static class ScrapeTokenCheck
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>Adds the check to the branch that serves the scrape.</summary>
    public static IApplicationBuilder UseScrapeTokenCheck(this IApplicationBuilder branch)
    {
        ArgumentNullException.ThrowIfNull(branch);

        return branch.Use(static (context, next) =>
        {
            var expected = context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value.ScrapeToken;
            if (string.IsNullOrEmpty(expected) || Presents(context.Request, expected))
            {
                return next(context);
            }

            // No body here: the status-code pages write the usual problem document (reason "unauthenticated").
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";

            return Task.CompletedTask;
        });
    }

    private static bool Presents(HttpRequest request, string expected)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashing first gives both sides the same length, so the fixed-time comparison leaks neither content nor length.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[BearerPrefix.Length..].Trim()));
        var wanted = SHA256.HashData(Encoding.UTF8.GetBytes(expected));

        return CryptographicOperations.FixedTimeEquals(presented, wanted);
    }
}
