using System.Diagnostics;
using ActivityDashboard.Accounts;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Telemetry;

namespace ActivityDashboard.Endpoints;

/// <summary>Builds the RFC 9457 problem documents of spec section 7: every one has a <c>reason</c> and a <c>traceId</c>.</summary>
internal static class ProblemDocuments
{
    public const string ReasonKey = "reason";
    public const string TraceIdKey = "traceId";
    public const string InvalidAccount = "invalid_account";
    public const string Unauthenticated = "unauthenticated";
    public const string ForbiddenReason = "forbidden";

    /// <summary>
    /// Adds the trace id to every problem document, and a reason to those that have none (framework errors); the
    /// reason is noted for the request's metrics too.
    /// </summary>
    public static void AddTraceId(ProblemDetailsContext context)
    {
        var traceId = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        context.ProblemDetails.Extensions[TraceIdKey] = traceId;
        context.ProblemDetails.Extensions.TryAdd(ReasonKey, ReasonForStatus(context.ProblemDetails.Status));
        if (context.ProblemDetails.Extensions[ReasonKey] is string reason)
        {
            ActivityRequestMetricsMiddleware.NoteReason(context.HttpContext, reason);
        }
    }

    public static IResult BadRequest(ActivityQueryError error) =>
        TypedResults.Problem(
            title: "Invalid request",
            detail: error.Message,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { [ReasonKey] = error.Reason });

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(
            title: "Forbidden",
            detail: detail,
            statusCode: StatusCodes.Status403Forbidden,
            extensions: new Dictionary<string, object?> { [ReasonKey] = ForbiddenReason });

    /// <summary>The answer to a request whose <c>account=</c> the <see cref="AccountResolver"/> refused.</summary>
    public static IResult AccountRefused(AccountResolutionFailure failure) =>
        failure == AccountResolutionFailure.InvalidAccount
            ? BadRequest(new ActivityQueryError(
                InvalidAccount,
                "The account is not valid: use 1 to 128 of the characters A-Z a-z 0-9 . _ : @ -."))
            : Forbidden("You may see only your own account.");

    /// <summary>
    /// Declares, for the API description, the problem documents every endpoint that reads a window of both sources
    /// answers with (spec section 7): bad input, no sign-in, not allowed, a rejected or failing source.
    /// </summary>
    public static RouteHandlerBuilder ProducesWindowProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status500InternalServerError)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>What a 401 says to a caller whose bearer token was refused.</summary>
    public const string InvalidTokenDetail =
        "The API token is not valid: it is unknown, revoked or expired, or its user is disabled or locked out. "
        + "Create a new one on the API tokens page.";

    /// <summary>
    /// Writes a 401 or 403 problem document for an API request the cookie handler would redirect, or the token handler
    /// refuses; <paramref name="detail"/> replaces the default text.
    /// </summary>
    public static async Task WriteAuthenticationProblemAsync(HttpContext context, int status, string? detail = null)
    {
        var unauthenticated = status == StatusCodes.Status401Unauthorized;
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = unauthenticated ? "Sign-in required" : "Forbidden",
                Detail = detail ?? (unauthenticated
                    ? "Sign in first: this API answers only signed-in users."
                    : "You may not use this resource."),
                Extensions = { [ReasonKey] = unauthenticated ? Unauthenticated : ForbiddenReason },
            },
        });
    }

    private static string ReasonForStatus(int? status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad_request",
        StatusCodes.Status401Unauthorized => Unauthenticated,
        StatusCodes.Status403Forbidden => ForbiddenReason,
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        _ => "internal_error",
    };
}
