using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Reconciliation;
using ActivityDashboard.Core.Services;
using Microsoft.AspNetCore.Mvc;

namespace ActivityDashboard.Endpoints;

/// <summary>
/// The operators' reconciliation API (spec section 9): <c>GET /api/v1/admin/reconciliation</c> as JSON and
/// <c>GET /api/v1/admin/reconciliation/export</c> as CSV.
/// </summary>
public static class ReconciliationEndpoints
{
    public static IEndpointRouteBuilder MapReconciliationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var admin = endpoints.MapGroup("/api/v1/admin").WithTags("Admin");
        admin.MapGet("/reconciliation", GetReconciliationAsync)
            .WithName("GetReconciliation")
            .WithSummary("Operators: unbilled calls, orphan receipts, amount mismatches and the realised markup of one account or all, bucketed as /api/v1/activity.")
            .Produces<ReconciliationResponse>()
            .ProducesWindowProblems();
        admin.MapGet("/reconciliation/export", ExportReconciliationAsync)
            .WithName("ExportReconciliation")
            .WithSummary("Operators: the reconciliation as CSV: header lines, the findings, the buckets, the markup distribution.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesWindowProblems();

        return endpoints;
    }

    private static async Task<IResult> GetReconciliationAsync(
        [AsParameters] WindowParameters window,
        [FromQuery] string? kind,
        ClaimsPrincipal user,
        ReconciliationService reconciliationService,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (!TryRead(window, kind, user, timeProvider, out var query, out var accountId, out var findingKind, out var problem))
        {
            return problem;
        }

        var report = (await reconciliationService.ReconcileAsync(query, accountId, cancellationToken)).WithFindingsOf(findingKind);

        return TypedResults.Ok(report.ToResponse());
    }

    private static async Task<IResult> ExportReconciliationAsync(
        [AsParameters] WindowParameters window,
        [FromQuery] string? kind,
        ClaimsPrincipal user,
        HttpContext httpContext,
        ReconciliationService reconciliationService,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (!TryRead(window, kind, user, timeProvider, out var query, out var accountId, out var findingKind, out var problem))
        {
            return problem;
        }

        query = window.NamePinnedPreset(query);

        // Throws (to the problem-document handler) before anything is written if a source fails.
        var report = (await reconciliationService.ReconcileAsync(query, accountId, cancellationToken)).WithFindingsOf(findingKind);

        return ActivityCsv.Download(
            httpContext,
            ReconciliationCsv.FileName(report),
            (writer, aborted) => ReconciliationCsv.WriteAsync(writer, report, findingKind, aborted));
    }

    /// <summary>The operator check, the query and the kind filter, shared by the JSON and the CSV answer.</summary>
    private static bool TryRead(
        WindowParameters window,
        string? kind,
        ClaimsPrincipal user,
        TimeProvider timeProvider,
        [NotNullWhen(true)] out ActivityQuery? query,
        out string? accountId,
        out ReconciliationFindingKind? findingKind,
        [NotNullWhen(false)] out IResult? problem)
    {
        findingKind = null;
        problem = null;
        if (!ReconciliationRequest.TryParse(user, window.Account, window.ToInput(), timeProvider.GetUtcNow(), out query, out accountId, out var refusal, out var error))
        {
            problem = ReconciliationRequest.Problem(refusal, error);

            return false;
        }

        if (!ReconciliationResponseMapper.TryParseKind(kind, out findingKind, out var kindError))
        {
            problem = ProblemDocuments.BadRequest(kindError);

            return false;
        }

        return true;
    }
}
