using System.Diagnostics.Metrics;
using ActivityDashboard.Core.Services;

namespace ActivityDashboard.Telemetry;

/// <summary>
/// How long each activity question took and how it ended, on the <c>ActivityDashboard.Activity</c> meter: API calls
/// (<c>GET /api/v1/activity</c>, its export) and loads of the <c>/activity</c> page alike.
/// </summary>
/// <remarks>
/// One histogram, <c>activitydashboard.activity.request.duration</c> (Prometheus:
/// <c>activitydashboard_activity_request_duration_seconds</c>), tagged with <c>surface</c> (api, export, page),
/// <c>outcome</c> (success, client_error, source_error, database_error, server_error, cancelled) and <c>reason</c>
/// (the problem document's reason, or <c>none</c>). Reasons are a closed set of the app's own codes, so the label
/// stays small.
/// </remarks>
public sealed class ActivityRequestMetrics
{
    public const string SurfaceTag = "surface";
    public const string OutcomeTag = "outcome";
    public const string ReasonTag = "reason";

    public const string ApiSurface = "api";
    public const string ExportSurface = "export";
    public const string PageSurface = "page";

    /// <summary>The operators' reconciliation API; it reads the same two sources, so its failures count too.</summary>
    public const string ReconciliationSurface = "reconciliation";

    public const string ReconciliationExportSurface = "reconciliation_export";

    public const string Success = "success";
    public const string ClientError = "client_error";
    public const string SourceError = "source_error";
    public const string DatabaseError = "database_error";
    public const string ServerError = "server_error";
    public const string Cancelled = "cancelled";

    /// <summary>The reason of an answer that has none: a success, a cancellation.</summary>
    public const string NoReason = "none";

    private const string InternalErrorReason = "internal_error";

    // Seconds: most views answer well under a second; the LiteLLM budget (10 s by default) bounds the slow end.
    private static readonly double[] s_durationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Histogram<double> _duration;

    public ActivityRequestMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);

        var meter = meterFactory.Create(ActivityTelemetry.Name);
        _duration = meter.CreateHistogram(
            "activitydashboard.activity.request.duration",
            unit: "s",
            description: "Duration of one activity question (API call, export or page load), by surface, outcome and reason.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
    }

    /// <summary>
    /// The outcome of an answer with <paramref name="reason"/> (null for a success): LiteLLM's reasons are source
    /// errors, the receipts database's a database error, <c>internal_error</c> a server error, the rest (bad input,
    /// refused account, no sign-in) client errors.
    /// </summary>
    public static string OutcomeOf(string? reason) => reason switch
    {
        null => Success,
        _ when reason.StartsWith("usage_source_", StringComparison.Ordinal) => SourceError,
        "receipts_unavailable" => DatabaseError,
        InternalErrorReason => ServerError,
        _ => ClientError,
    };

    /// <summary>Records an answer: a success when <paramref name="reason"/> is null, else the failure it names.</summary>
    public void Record(string surface, string? reason, TimeSpan elapsed) =>
        Record(surface, OutcomeOf(reason), reason ?? NoReason, elapsed);

    /// <summary>Records a question whose caller went away before the answer.</summary>
    public void RecordCancelled(string surface, TimeSpan elapsed) => Record(surface, Cancelled, NoReason, elapsed);

    /// <summary>Records a question that failed with an exception nothing turned into an answer.</summary>
    public void RecordUnhandled(string surface, TimeSpan elapsed) => Record(surface, ServerError, InternalErrorReason, elapsed);

    private void Record(string surface, string outcome, string reason, TimeSpan elapsed) =>
        _duration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>(SurfaceTag, surface),
            new KeyValuePair<string, object?>(OutcomeTag, outcome),
            new KeyValuePair<string, object?>(ReasonTag, reason));
}
