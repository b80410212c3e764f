using System.Security.Claims;
using ActivityDashboard.Accounts;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Services;
using Microsoft.AspNetCore.Mvc;

namespace ActivityDashboard.Endpoints;

/// <summary>The activity API (spec section 6).</summary>
public static class ActivityEndpoints
{
    public static IEndpointRouteBuilder MapActivityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var api = endpoints.MapGroup("/api/v1").WithTags("Activity");
        api.MapGet("/activity", GetActivityAsync)
            .WithName("GetActivity")
            .WithSummary("Usage and billed spend of the signed-in user's account (operators: any account) over a range, bucketed in a time zone.")
            .Produces<ActivityResponse>()
            .ProducesWindowProblems();
        api.MapActivityExportEndpoints();

        return endpoints;
    }

    private static async Task<IResult> GetActivityAsync(
        [AsParameters] WindowParameters window,
        [FromQuery] string? groupBy,
        [FromQuery] string? limit,
        [FromQuery] string? cursor,
        ClaimsPrincipal user,
        ActivityService activityService,
        ActivityCursorProtector cursorProtector,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        // The account comes from the signed-in user; account= only selects another one for operators. This check
        // comes first, so a refused request learns nothing, not even whether its other parameters were valid.
        if (!AccountResolver.TryResolve(user, window.Account, out var viewer, out var failure))
        {
            return ProblemDocuments.AccountRefused(failure);
        }

        var accountId = viewer.AccountId;
        if (!ActivityQueryParser.TryParse(window.ToInput(groupBy, limit), accountId, timeProvider.GetUtcNow(), out var query, out var error))
        {
            return ProblemDocuments.BadRequest(error);
        }

        // A cursor pins the window the first page was computed for, so paging never drifts with the clock.
        if (cursor is not null)
        {
            if (!cursorProtector.TryUnprotect(cursor, accountId, out var position))
            {
                return ProblemDocuments.BadRequest(new ActivityQueryError(
                    ActivityQueryError.InvalidCursor,
                    "The cursor is not valid: it was altered, has expired or belongs to another account or view. "
                    + "Start again without it."));
            }

            RangePreset.TryParse(position.Preset, out var preset);
            query = query with { From = position.From, To = position.To, Preset = preset, Offset = position.Offset };
        }

        var report = await activityService.GetActivityAsync(query, cancellationToken);

        var nextCursor = report.NextOffset is { } nextOffset
            ? cursorProtector.Protect(new ActivityCursor(accountId, query.From, query.To, query.Preset?.Code, nextOffset))
            : null;

        return TypedResults.Ok(report.ToResponse(nextCursor, includeProviderCost: viewer.IsOperator));
    }
}
