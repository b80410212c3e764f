using ActivityDashboard.Core.Ports;
using ActivityDashboard.Core.Receipts;
using Microsoft.AspNetCore.Diagnostics;

namespace ActivityDashboard.Endpoints;

/// <summary>
/// Turns the domain's "cannot answer" exceptions into the problem documents of spec section 7. Anything else is
/// left to the default handler, which writes a 500 problem document without a stack trace.
/// </summary>
internal sealed partial class ActivityExceptionHandler(
    IProblemDetailsService problemDetailsService,
    ILogger<ActivityExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string reason;
        string title;
        switch (exception)
        {
            case UsageSourceException usage:
                // A LiteLLM 4xx or 500 is a configuration or logic fault on our side, not an outage (spec section 7).
                status = usage.Failure == UsageSourceFailure.Rejected
                    ? StatusCodes.Status500InternalServerError
                    : StatusCodes.Status503ServiceUnavailable;
                reason = usage.Reason;
                title = "Usage data unavailable";
                Log.UsageSourceFailed(logger, usage.Reason, httpContext.Request.Path, usage.Message);
                break;
            case ReceiptsUnavailableException receipts:
                status = StatusCodes.Status503ServiceUnavailable;
                reason = receipts.Reason;
                title = "Billing data unavailable";
                Log.ReceiptsFailed(logger, exception, httpContext.Request.Path);
                break;
            default:
                return false;
        }

        httpContext.Response.StatusCode = status;

        return await problemDetailsService.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = exception.Message,
                Extensions = { [ProblemDocuments.ReasonKey] = reason },
            },
        });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, EventName = "UsageSourceFailed", Level = LogLevel.Warning,
            Message = "Usage source failed with {Reason} while serving {Path}: {Detail}")]
        public static partial void UsageSourceFailed(ILogger logger, string reason, PathString path, string detail);

        [LoggerMessage(EventId = 3002, EventName = "ReceiptsFailed", Level = LogLevel.Error,
            Message = "Receipts database unavailable while serving {Path}.")]
        public static partial void ReceiptsFailed(ILogger logger, Exception exception, PathString path);
    }
}
