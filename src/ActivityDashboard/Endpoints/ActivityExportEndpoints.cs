using System.Security.Claims;
using ActivityDashboard.Accounts;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Services;
using Microsoft.AspNetCore.Mvc;

namespace ActivityDashboard.Endpoints;

/// <summary>
/// <c>GET /api/v1/activity/export</c>: the whole window of <c>GET /api/v1/activity</c> (same parameters but
/// <c>limit</c> and <c>cursor</c>) as a CSV download written by <see cref="ActivityCsv"/>.
/// </summary>
/// <remarks>
/// An export is never partial: both sources are read in full and the report computed before the first byte is
/// written, so a bad input or a source failure is still a problem document. Only then are the rows streamed, each
/// built as it is written, with a flush every <see cref="ActivityCsv.FlushEveryRows"/> rows; the fetched calls stay
/// in memory meanwhile because LiteLLM's pages must all be read and validated before any row is known to be right.
/// </remarks>
public static class ActivityExportEndpoints
{
    public static IEndpointRouteBuilder MapActivityExportEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapGet("/activity/export", ExportActivityAsync)
            .WithName("ExportActivity")
            .WithSummary("The whole window of GET /api/v1/activity as CSV: header lines, one line per request, one per bucket.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesWindowProblems();

        return api;
    }

    private static async Task<IResult> ExportActivityAsync(
        [AsParameters] WindowParameters window,
        [FromQuery] string? groupBy,
        ClaimsPrincipal user,
        HttpContext httpContext,
        ActivityService activityService,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        // As on GET /api/v1/activity: the account check comes first, so a refused request learns nothing else.
        if (!AccountResolver.TryResolve(user, window.Account, out var viewer, out var failure))
        {
            return ProblemDocuments.AccountRefused(failure);
        }

        if (!ActivityQueryParser.TryParse(window.ToInput(groupBy), viewer.AccountId, timeProvider.GetUtcNow(), out var query, out var error))
        {
            return ProblemDocuments.BadRequest(error);
        }

        query = window.NamePinnedPreset(query);

        // Throws (to the problem-document handler) before anything is written if either source fails.
        var export = await activityService.GetExportAsync(query, cancellationToken);

        return ActivityCsv.Download(
            httpContext,
            ActivityCsv.FileName(query),
            (writer, aborted) => ActivityCsv.WriteAsync(writer, export, includeProviderCost: viewer.IsOperator, aborted));
    }
}
