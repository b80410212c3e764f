using Microsoft.AspNetCore.Diagnostics;

namespace ActivityDashboard.Configuration;

/// <summary>
/// What a request for an address that matches nothing gets: a browser the "Page not found" page in the app's layout,
/// everyone else (the API, scripts, anything not asking for HTML) the RFC 9457 problem document.
/// </summary>
/// <remarks>
/// Both answers are the framework's status code pages. The problem document writer alone also answered browsers
/// (their <c>Accept</c> ends in <c>*/*</c>), so a mistyped page address used to show bare JSON.
/// </remarks>
public static class NotFoundPageExtensions
{
    /// <summary>The address of <c>Components/Pages/NotFound.razor</c>, which a browser's request for nothing re-executes.</summary>
    public const string NotFoundPath = "/not-found";

    public static IApplicationBuilder UseNotFoundAnswers(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Outer: an error status without a body becomes a problem document (its reason from ProblemDocuments.AddTraceId).
        app.UseStatusCodePages();

        // Inner, so it answers first: the request runs again as /not-found, keeping the 404, in a fresh scope as
        // Blazor's renderer needs; the page's body then makes the outer middleware leave the answer alone. It has to be
        // on the main pipeline, not in a UseWhen branch: only there does the framework route the new path again.
        app.UseStatusCodePagesWithReExecute(NotFoundPath, createScopeForStatusCodePages: true);

        // ... but only for a browser's page request that routing matched to nothing; for anything else this turns the
        // inner middleware off (the documented switch for keeping HTML away from API clients), leaving the outer one.
        app.Use(LeavePageToBrowsersAsync);

        return app;
    }

    /// <summary>
    /// A GET outside <c>/api</c> to an address no endpoint serves, naming <c>text/html</c> in its <c>Accept</c>
    /// (browsers' page loads do; <c>*/*</c> alone, as curl sends, does not count). Routing has run already.
    /// </summary>
    internal static bool IsPageRequestForNothing(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && context.GetEndpoint() is null
        && !SignInExtensions.IsApi(context.Request)
        && AcceptsHtml(context.Request);

    private static Task LeavePageToBrowsersAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsPageRequestForNothing(context) && context.Features.Get<IStatusCodePagesFeature>() is { } notFoundPage)
        {
            notFoundPage.Enabled = false;
        }

        return next(context);
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(range =>
            range.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && range.Quality is not 0);
}
