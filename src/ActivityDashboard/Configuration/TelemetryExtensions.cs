using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Telemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ActivityDashboard.Configuration;

/// <summary>
/// The dashboard's own telemetry: OpenTelemetry metrics (scraped at <c>/metrics</c>) and traces across the page, the
/// API, HttpClient and Npgsql, sent through OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; and the health
/// endpoints <c>/health/live</c> and <c>/health/ready</c>. All three are open to anonymous callers.
/// </summary>
public static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>Every meter and span source of the app's own code (activity, LiteLLM, gateway health, ...).</summary>
    public const string OwnTelemetry = "ActivityDashboard.*";

    private const string DefaultServiceName = "activity-dashboard";
    private const string ReadyTag = "ready";

    // Blazor's own instruments (.NET 10): circuits and navigation; the per-component lifecycle meter is left out.
    // Seconds, with 2 s (the default GatewayHealth:SlowThreshold and the slow-probe alert) as a boundary. The probe's
    // histogram is created without bucket advice, and the SDK's default buckets (0, 5, 10, 25, ...) are meant for
    // milliseconds: every probe would land in the first bucket and the alert's percentile would read about 4.75 s.
    private static readonly double[] s_probeBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5, 10, 30];

    private static readonly string[] s_blazor = ["Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits"];

    public static WebApplicationBuilder AddActivityTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Options
        builder.Services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.SectionName)
            .Validate(
                static o => string.IsNullOrEmpty(o.ScrapeToken) || o.ScrapeToken.Trim().Length >= MetricsOptions.MinimumTokenLength,
                $"Metrics:ScrapeToken must be at least {MetricsOptions.MinimumTokenLength} characters when set "
                + "(or empty to leave /metrics open).")
            .ValidateOnStart();
        builder.Services.AddSingleton<ActivityRequestMetrics>();

        // Metrics and traces. OTEL_SERVICE_NAME and the other OTEL_* variables work as the SDK documents them.
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? DefaultServiceName;
        var openTelemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName,
                serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddMeter(OwnTelemetry)
                .AddView(
                    "activitydashboard.gateway.probe.duration",
                    new ExplicitBucketHistogramConfiguration { Boundaries = s_probeBuckets })
                .AddMeter(s_blazor)
                .AddMeter("Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()

                // Prometheus scrapes every 15 to 60 s; a cached answer would only hide fresh numbers from a second look.
                .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0))
            .WithTracing(tracing => tracing
                .AddSource(OwnTelemetry)
                .AddSource(s_blazor)
                .AddAspNetCoreInstrumentation(options => options.Filter = static context => !IsOperational(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Metrics, traces and logs to the collector named by the OTEL_EXPORTER_OTLP_* variables.
            openTelemetry.UseOtlpExporter();
        }

        // Health: live is the process answering; ready adds PostgreSQL and the schema (see DatabaseReadinessCheck).
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadinessCheck>("database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));

        return builder;
    }

    /// <summary>Maps <c>/metrics</c> (behind the scrape token when one is set) and the health endpoints, all anonymous.</summary>
    public static WebApplication MapActivityTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapPrometheusScrapingEndpoint(
                MetricsPath,
                meterProvider: null,
                configureBranchedPipeline: static branch => branch.UseScrapeTokenCheck(),
                optionsName: null)
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = static _ => false })
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = static check => check.Tags.Contains(ReadyTag) })
            .AllowAnonymous()
            .ExcludeFromDescription();

        return app;
    }

    // Scrapes and health probes arrive every few seconds; as traces they would only bury the requests of people.
    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
