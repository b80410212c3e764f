using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Tests.Deploy;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Tests.Telemetry;

/// <summary>
/// <c>/metrics</c> of the real app: the activity and LiteLLM instruments as Prometheus scrapes them, the scrape token,
/// and the names the shipped alert rules use.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed partial class MetricsEndpointTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string ActivityCount = "activitydashboard_activity_request_duration_seconds_count";
    private const string LiteLlmCount = "activitydashboard_litellm_request_duration_seconds_count";
    private const string ScrapeToken = "scrape-token-for-the-tests-only";

    private static readonly DateTimeOffset s_now = new(2026, 8, 6, 15, 10, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scrape_AfterActivityCalls_CountsEachBySurfaceOutcomeAndReason()
    {
        // Arrange: a success, bad input, a LiteLLM outage, no sign-in, and an export.
        await using var app = NewApp("acct-metrics-outcomes");
        var client = await app.CreateUserClientAsync();
        (await client.GetAsync("/api/v1/activity?range=1h", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/activity?range=nonsense", Ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        app.Usage.Failure = UsageSourceFailure.Unreachable;
        (await client.GetAsync("/api/v1/activity?range=24h", Ct)).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        app.Usage.Failure = null;
        (await app.CreateAnonymousClient().GetAsync("/api/v1/activity?range=1h", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/v1/activity/export?range=1h", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        // Act: as a scraper does, without signing in.
        var scrape = await PrometheusScrape.GetAsync(app.CreateAnonymousClient());

        // Assert
        scrape.Value(ActivityCount, "surface=api", "outcome=success", "reason=none").Should().Be(1);
        scrape.Value(ActivityCount, "surface=api", "outcome=client_error", "reason=invalid_range").Should().Be(1);
        scrape.Value(ActivityCount, "surface=api", "outcome=source_error", "reason=usage_source_unreachable").Should().Be(1);
        scrape.Value(ActivityCount, "surface=api", "outcome=client_error", "reason=unauthenticated").Should().Be(1);
        scrape.Value(ActivityCount, "surface=export", "outcome=success", "reason=none").Should().Be(1);
        scrape.Samples.Where(s => s.Name == ActivityCount).Sum(s => s.Value).Should().Be(5, "every call counts once");
        scrape.Value(
                "activitydashboard_activity_request_duration_seconds_bucket",
                "surface=api",
                "outcome=success",
                "le=0.05")
            .Should().Be(1, "durations come from the app's clock, which the test holds still");
    }

    [Fact]
    public async Task Scrape_AfterReconciliationCalls_CountsThemUnderTheirOwnSurfaces()
    {
        await using var app = NewApp("acct-metrics-recon");
        var client = await app.CreateUserClientAsync(isOperator: true);
        (await client.GetAsync("/api/v1/admin/reconciliation?range=1h", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/admin/reconciliation?range=1h&kind=bogus", Ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        app.Usage.Failure = UsageSourceFailure.Unreachable;
        (await client.GetAsync("/api/v1/admin/reconciliation/export?range=1h", Ct)).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        app.Usage.Failure = null;

        var scrape = await PrometheusScrape.GetAsync(app.CreateAnonymousClient());

        scrape.Value(ActivityCount, "surface=reconciliation", "outcome=success", "reason=none").Should().Be(1);
        scrape.Value(ActivityCount, "surface=reconciliation", "outcome=client_error", "reason=invalid_kind").Should().Be(1);
        scrape.Value(ActivityCount, "surface=reconciliation_export", "outcome=source_error", "reason=usage_source_unreachable").Should().Be(1);
    }

    [Fact]
    public async Task Scrape_AfterCallsThroughLiteLlm_ExposesCallDurationsByStatusClassAndPagesPerRead()
    {
        // Arrange: one good read (one page), then the stub fails with 503.
        await using var stub = await LiteLlmStubServer.StartAsync(Ct);
        await using var app = NewLiteLlmApp(stub, "acct-metrics-litellm");
        stub.Add(app.AccountId, TestData.UsageEvent(callId: "call-metrics-A", at: s_now.AddMinutes(-20)));
        var client = await app.CreateUserClientAsync();
        (await client.GetAsync("/api/v1/activity?range=1h", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        stub.FixedResponse = LiteLlmStubResponse.ServiceUnavailable;
        (await client.GetAsync("/api/v1/activity?range=1h", Ct)).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        // Act
        var scrape = await PrometheusScrape.GetAsync(app.CreateAnonymousClient());

        // Assert
        scrape.Value(LiteLlmCount, "status_class=2xx").Should().Be(1);
        scrape.Value(LiteLlmCount, "status_class=5xx").Should().Be(1);
        scrape.Value("activitydashboard_litellm_pages_count").Should().Be(1, "only the read that succeeded has a page count");
        scrape.Value("activitydashboard_litellm_pages_sum").Should().Be(1);
        scrape.Value("activitydashboard_litellm_pages_bucket", "le=1").Should().Be(1);
        scrape.Value(ActivityCount, "surface=api", "outcome=source_error", "reason=usage_source_unavailable").Should().Be(1);
    }

    [Fact]
    public async Task Scrape_TokenConfigured_RefusesWithoutItOrWithAnotherAndAnswersWithIt()
    {
        await using var app = NewApp("acct-metrics-token", new Dictionary<string, string?> { ["Metrics:ScrapeToken"] = ScrapeToken });
        var client = app.CreateAnonymousClient();

        using var missing = await client.GetAsync("/metrics", Ct);
        using var wrong = await SendAsync(client, "Bearer not-the-scrape-token-at-all");
        using var right = await SendAsync(client, "Bearer " + ScrapeToken);

        missing.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        missing.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
        var problem = JsonDocument.Parse(await missing.Content.ReadAsStringAsync(Ct)).RootElement;
        problem.GetProperty("reason").GetString().Should().Be("unauthenticated");
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        right.StatusCode.Should().Be(HttpStatusCode.OK);
        right.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await right.Content.ReadAsStringAsync(Ct)).Should().Contain("# TYPE http_server_request_duration_seconds histogram");
    }

    [Fact]
    public async Task Scrape_NoTokenConfigured_AnswersAnyoneWithoutSignIn()
    {
        await using var app = NewApp("acct-metrics-open");

        using var response = await app.CreateAnonymousClient().GetAsync("/metrics", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Location.Should().BeNull("a scraper is never sent to the sign-in form");
    }

    [Fact]
    public void Start_ScrapeTokenTooShort_FailsNamingTheSetting()
    {
        using var app = NewApp("acct-metrics-short", new Dictionary<string, string?> { ["Metrics:ScrapeToken"] = "short" });

        var act = () => app.CreateAnonymousClient();

        act.Should().Throw<OptionsValidationException>().WithMessage("*Metrics:ScrapeToken*16 characters*");
    }

    [Fact]
    public async Task AlertRules_EveryMetricTheyName_IsExposedAtMetrics()
    {
        // Arrange: the app's own instruments get a recording each (a read through the stub; an activity answer), and
        // the gateway probe's instruments, built by another part of the app, are stood in for by the same kinds and
        // names on a test meter unless the app already exposes them.
        await using var stub = await LiteLlmStubServer.StartAsync(Ct);
        await using var app = NewLiteLlmApp(stub, "acct-metrics-rules");
        var client = await app.CreateUserClientAsync();
        (await client.GetAsync("/api/v1/activity?range=1h", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var before = await PrometheusScrape.GetAsync(app.CreateAnonymousClient());
        AddGatewayStandIns(app.Services.GetRequiredService<IMeterFactory>(), before.Names);
        var rules = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "deploy", "prometheus", "alerts.yml"), Ct);
        var named = RuleMetric().Matches(rules).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();

        // Act
        var scrape = await PrometheusScrape.GetAsync(app.CreateAnonymousClient());

        // Assert
        named.Should().Contain(
        [
            "activitydashboard_gateway_state",
            "activitydashboard_gateway_probe_duration_seconds_count",
            "activitydashboard_alert_deliveries_total",
            "activitydashboard_activity_request_duration_seconds_bucket",
            "activitydashboard_litellm_request_duration_seconds_count",
            "activitydashboard_litellm_pages_bucket",
        ]);
        named.Should().OnlyContain(name => scrape.Names.Contains(name), "a rule on a name the app never exposes can never fire");
        scrape.Samples.Where(s => s.Name == "activitydashboard_gateway_probe_duration_seconds_bucket")
            .Select(s => s.Labels["le"])
            .Should().Contain(["0.1", "2", "5"], "probe latencies are seconds; the SDK's default buckets are for milliseconds");
    }

    [Fact]
    public async Task GrafanaDashboard_EveryMetricAndLabelItQueries_IsExposedAtMetrics()
    {
        // Arrange: as for the alert rules, plus a refused input, so the failure reason label has a value.
        await using var stub = await LiteLlmStubServer.StartAsync(Ct);
        await using var app = NewLiteLlmApp(stub, "acct-metrics-grafana");
        var client = await app.CreateUserClientAsync();
        (await client.GetAsync("/api/v1/activity?range=1h", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/activity?range=nonsense", Ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var before = await PrometheusScrape.GetAsync(app.CreateAnonymousClient());
        AddGatewayStandIns(app.Services.GetRequiredService<IMeterFactory>(), before.Names);
        var queries = GrafanaDashboard.Queries(GrafanaDashboard.Read());

        // Act
        var scrape = await PrometheusScrape.GetAsync(app.CreateAnonymousClient());

        // Assert
        var named = GrafanaDashboard.MetricNames(queries);
        named.Should().Contain(
        [
            "activitydashboard_gateway_state",
            "activitydashboard_gateway_probe_duration_seconds_bucket",
            "activitydashboard_alert_deliveries_total",
            "activitydashboard_activity_request_duration_seconds_bucket",
            "activitydashboard_litellm_request_duration_seconds_count",
            "activitydashboard_litellm_pages_bucket",
            "http_server_request_duration_seconds_count",
        ]);
        named.Should().OnlyContain(name => scrape.Names.Contains(name), "a panel on a name the app never exposes stays empty");
        var grouped = GrafanaDashboard.GroupingLabels(queries);
        grouped.Select(g => g.Label).Should().Contain(["outcome", "surface", "reason", "status_class", "http_route"]);
        foreach (var (metric, label) in grouped)
        {
            scrape.Samples.Where(s => s.Name == metric).Should().Contain(
                s => s.Labels.ContainsKey(label), $"the dashboard groups {metric} by {label}");
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);

        return client.SendAsync(request, Ct);
    }

    private ActivityAppFactory NewApp(string accountId, Dictionary<string, string?>? settings = null) =>
        new(database.ConnectionString, s_now, accountId, settings);

    private ActivityAppFactory NewLiteLlmApp(LiteLlmStubServer stub, string accountId) =>
        new(
            database.ConnectionString,
            s_now,
            accountId,
            new Dictionary<string, string?>
            {
                ["LiteLlm:BaseUrl"] = stub.BaseUrl.ToString(),
                ["LiteLlm:ApiKey"] = stub.ApiKey,
                ["LiteLlm:MaxRetries"] = "0",
            },
            useFakeUsage: false);

    [GeneratedRegex(@"\b(activitydashboard_[a-z_]+)\b")]
    private static partial Regex RuleMetric();

    // The instruments agreed for the gateway probe (meter ActivityDashboard.GatewayHealth): the state gauge, the probe
    // duration histogram in seconds, the delivery counter. Each missing one is created with the agreed name, kind and
    // unit on a meter of its own (owned by the app's meter factory) and given one measurement, so the exporter names it
    // as it will name the real one.
    private static void AddGatewayStandIns(IMeterFactory meterFactory, IReadOnlySet<string> exposed)
    {
        var meter = meterFactory.Create("ActivityDashboard.Tests.GatewayStandIn");
        if (!exposed.Contains("activitydashboard_gateway_state"))
        {
            meter.CreateObservableGauge("activitydashboard.gateway.state", static () => 0);
        }

        if (!exposed.Contains("activitydashboard_gateway_probe_duration_seconds_count"))
        {
            meter.CreateHistogram<double>("activitydashboard.gateway.probe.duration", unit: "s")
                .Record(0.2, new KeyValuePair<string, object?>("outcome", "success"));
        }

        if (!exposed.Contains("activitydashboard_alert_deliveries_total"))
        {
            meter.CreateCounter<long>("activitydashboard.alert.deliveries")
                .Add(1, new KeyValuePair<string, object?>("outcome", "delivered"));
        }
    }
}
