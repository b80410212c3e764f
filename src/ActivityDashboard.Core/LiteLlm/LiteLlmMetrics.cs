using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;

namespace ActivityDashboard.Core.LiteLlm;

/// <summary>
/// The LiteLLM adapter's instruments on the <c>ActivityDashboard.LiteLlm</c> meter: how long each call to
/// <c>/spend/logs/v2</c> took and how it ended, and how many pages one usage read needed.
/// </summary>
/// <remarks>
/// Prometheus names (OpenTelemetry exporter): <c>activitydashboard_litellm_request_duration_seconds</c> with the label
/// <c>status_class</c>, and <c>activitydashboard_litellm_pages</c>; both are histograms.
/// </remarks>
public sealed class LiteLlmMetrics
{
    /// <summary>The meter's name; the app exports every meter named <c>ActivityDashboard.*</c>.</summary>
    public const string MeterName = "ActivityDashboard.LiteLlm";

    /// <summary>The adapter's spans (one per usage read, around its HTTP calls), under the meter's name.</summary>
    public static readonly ActivitySource ActivitySource = new(MeterName);

    /// <summary>The tag naming how a call ended: <c>2xx</c>, <c>4xx</c>, <c>5xx</c>, <c>timeout</c> or <c>unreachable</c>.</summary>
    public const string StatusClassTag = "status_class";

    public const string Timeout = "timeout";
    public const string Unreachable = "unreachable";

    // Seconds: LiteLLM answers a page in tens of milliseconds when healthy and the read's budget is LiteLlm:Timeout
    // (10 s by default), so the buckets resolve both ends.
    private static readonly double[] s_durationBuckets = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    // Pages per read: one for most views; a 30-day view of a busy account reads one page per 1,000 calls.
    private static readonly int[] s_pageBuckets = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500];

    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<int> _pages;

    public LiteLlmMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);

        var meter = meterFactory.Create(MeterName);
        _requestDuration = meter.CreateHistogram(
            "activitydashboard.litellm.request.duration",
            unit: "s",
            description: "Duration of one GET /spend/logs/v2 call to LiteLLM, retries included, by how it ended.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
        _pages = meter.CreateHistogram(
            "activitydashboard.litellm.pages",
            unit: "{page}",
            description: "Spend-log pages read from LiteLLM for one successful usage read (every chunk together).",
            tags: null,
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = s_pageBuckets });
    }

    /// <summary>The status class of an HTTP answer: <c>2xx</c>, <c>4xx</c>, <c>5xx</c> (and <c>1xx</c>, <c>3xx</c>).</summary>
    public static string StatusClass(HttpStatusCode status) => ((int)status / 100) switch
    {
        1 => "1xx",
        2 => "2xx",
        3 => "3xx",
        4 => "4xx",
        _ => "5xx",
    };

    /// <summary>Records one call that ended with <paramref name="statusClass"/> after <paramref name="elapsed"/>.</summary>
    public void RecordRequest(string statusClass, TimeSpan elapsed) =>
        _requestDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(StatusClassTag, statusClass));

    /// <summary>Records the number of pages a successful usage read needed.</summary>
    public void RecordPages(int pages) => _pages.Record(pages);
}
