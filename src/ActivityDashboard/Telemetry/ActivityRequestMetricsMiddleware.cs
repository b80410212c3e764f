namespace ActivityDashboard.Telemetry;

/// <summary>
/// Measures every call to <c>/api/v1/activity</c> and its export from outside the exception handler, so the answer
/// measured is the one sent: its status and the <c>reason</c> of its problem document, noted by
/// <see cref="NoteReason"/> as the document is written (bad input, a refused account, no sign-in, a failing source).
/// </summary>
public static class ActivityRequestMetricsMiddleware
{
    private const string ActivityPath = "/api/v1/activity";
    private const string ExportPath = "/api/v1/activity/export";
    private const string ReconciliationPath = "/api/v1/admin/reconciliation";
    private const string ReconciliationExportPath = "/api/v1/admin/reconciliation/export";

    private static readonly object s_reasonKey = new();

    /// <summary>Remembers the reason of the problem document this request answers with.</summary>
    public static void NoteReason(HttpContext context, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);

        context.Items[s_reasonKey] = reason;
    }

    /// <summary>Adds the measuring step; place it before the exception handler.</summary>
    public static IApplicationBuilder UseActivityRequestMetrics(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        return app.Use(static async (context, next) =>
        {
            var surface = SurfaceOf(context.Request.Path);
            if (surface is null)
            {
                await next(context);

                return;
            }

            var metrics = context.RequestServices.GetRequiredService<ActivityRequestMetrics>();
            var timeProvider = context.RequestServices.GetRequiredService<TimeProvider>();
            var started = timeProvider.GetTimestamp();
            try
            {
                await next(context);
            }
            catch
            {
                metrics.RecordUnhandled(surface, timeProvider.GetElapsedTime(started));

                throw;
            }

            var elapsed = timeProvider.GetElapsedTime(started);
            if (context.RequestAborted.IsCancellationRequested)
            {
                metrics.RecordCancelled(surface, elapsed);
            }
            else
            {
                metrics.Record(surface, ReasonOf(context), elapsed);
            }
        });
    }

    private static string? SurfaceOf(PathString path)
    {
        if (path.StartsWithSegments(ExportPath, StringComparison.OrdinalIgnoreCase))
        {
            return ActivityRequestMetrics.ExportSurface;
        }

        if (path.StartsWithSegments(ReconciliationExportPath, StringComparison.OrdinalIgnoreCase))
        {
            return ActivityRequestMetrics.ReconciliationExportSurface;
        }

        if (path.Equals(ReconciliationPath, StringComparison.OrdinalIgnoreCase))
        {
            return ActivityRequestMetrics.ReconciliationSurface;
        }

        return path.Equals(ActivityPath, StringComparison.OrdinalIgnoreCase) ? ActivityRequestMetrics.ApiSurface : null;
    }

    // A failure without a problem document (none is expected: every error here writes one) still counts by status.
    private static string? ReasonOf(HttpContext context)
    {
        var status = context.Response.StatusCode;
        if (status < StatusCodes.Status400BadRequest)
        {
            return null;
        }

        if (context.Items.TryGetValue(s_reasonKey, out var noted) && noted is string reason)
        {
            return reason;
        }

        return status >= StatusCodes.Status500InternalServerError ? "internal_error" : "unknown";
    }
}
