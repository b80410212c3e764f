using System.Diagnostics;
using ActivityDashboard.Core.Activity;

namespace ActivityDashboard.Endpoints;

/// <summary>Builds the RFC 9457 problem documents of spec section 7: every one has a <c>reason</c> and a <c>traceId</c>.</summary>
internal static class ProblemDocuments
{
    public const string ReasonKey = "reason";
    public const string TraceIdKey = "traceId";

    /// <summary>Adds the trace id to every problem document, and a reason to those that have none (framework errors).</summary>
    public static void AddTraceId(ProblemDetailsContext context)
    {
        var traceId = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        context.ProblemDetails.Extensions[TraceIdKey] = traceId;
        context.ProblemDetails.Extensions.TryAdd(ReasonKey, ReasonForStatus(context.ProblemDetails.Status));
    }

    public static IResult BadRequest(ActivityQueryError error) =>
        TypedResults.Problem(
            title: "Invalid request",
            detail: error.Message,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { [ReasonKey] = error.Reason });

    private static string ReasonForStatus(int? status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad_request",
        StatusCodes.Status401Unauthorized => "unauthenticated",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        _ => "internal_error",
    };
}
