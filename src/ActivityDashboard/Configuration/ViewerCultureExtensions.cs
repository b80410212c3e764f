using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace ActivityDashboard.Configuration;

/// <summary>
/// Formats numbers, money and dates in the viewer's culture, taken from the browser's <c>Accept-Language</c>.
/// </summary>
/// <remarks>
/// The page's words stay English; only formats follow the culture. Blazor's circuit starts from an HTTP request that
/// passes this middleware too, so the interactive page formats like its first render. Machine formats (the API, the
/// CSV export, URLs) never depend on it: they use the invariant culture explicitly.
/// </remarks>
public static class ViewerCultureExtensions
{
    /// <summary>The culture for browsers that name none this app knows.</summary>
    public const string DefaultCulture = "en-US";

    public static IServiceCollection AddViewerCulture(this IServiceCollection services)
    {
        // Every culture ICU knows, so "de-CH" or "pt-BR" format as that browser expects rather than as a parent.
        var cultures = CultureInfo.GetCultures(CultureTypes.AllCultures)
            .Where(c => !string.IsNullOrEmpty(c.Name))
            .ToList();

        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(DefaultCulture);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;

            // Only the browser's languages: a culture in the query string would hold for the first render but not for
            // the circuit's own requests, and the page would change formats as it became interactive.
            options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });

        return services;
    }

    public static IApplicationBuilder UseViewerCulture(this IApplicationBuilder app) => app.UseRequestLocalization();
}
