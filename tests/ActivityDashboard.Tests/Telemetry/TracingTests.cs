using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using ActivityDashboard.Tests.Shared.Postgres;
using OpenTelemetry.Trace;

namespace ActivityDashboard.Tests.Telemetry;

/// <summary>The app's traces, read through OpenTelemetry's in-memory exporter added to the app's own tracer provider.</summary>
public sealed class TracingTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 8, 6, 15, 10, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_OneApiCallThroughLiteLlm_ServerHttpClientAndNpgsqlSpansShareItsTrace()
    {
        // Arrange: the call carries a trace of the test's own, so spans of other requests (and of other apps in this
        // process, which the exporter sees too) are told apart.
        var spans = new SpanLog();
        await using var stub = await LiteLlmStubServer.StartAsync(Ct);
        await using var app = new ActivityAppFactory(
            database.ConnectionString,
            s_now,
            "acct-tracing",
            new Dictionary<string, string?>
            {
                ["LiteLlm:BaseUrl"] = stub.BaseUrl.ToString(),
                ["LiteLlm:ApiKey"] = stub.ApiKey,
                ["LiteLlm:MaxRetries"] = "0",
            },
            useFakeUsage: false)
        {
            ConfigureServices = services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)),
        };
        var client = await app.CreateUserClientAsync();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/activity?range=1h");
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        // Act
        using var response = await client.SendAsync(request, Ct);

        // Assert: the server span ends after the answer is sent, so wait for it.
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var trace = await WaitForTraceAsync(spans, traceId);
        var server = trace.Should().ContainSingle(s => IsRequestSpan(s, trace)).Subject;
        server.Source.Name.Should().Be("Microsoft.AspNetCore");
        var httpClient = trace.Should().ContainSingle(s => s.Source.Name == "System.Net.Http").Subject;
        httpClient.Kind.Should().Be(ActivityKind.Client);
        httpClient.GetTagItem("url.full").Should().BeOfType<string>().Which.Should().Contain("/spend/logs/v2");
        trace.Should().ContainSingle(s => s.Kind == ActivityKind.Server && s.ParentSpanId == httpClient.SpanId)
            .Which.Source.Name.Should().Be("Microsoft.AspNetCore", "the stub is an ASP.NET Core app too: the trace context reaches it");
        trace.Should().Contain(s => s.Source.Name == "Npgsql", "the receipts are read in the same trace");
        trace.Should().ContainSingle(s => s.Source.Name == "ActivityDashboard.Activity" && s.OperationName == "activity.read_sources");
        trace.Should().ContainSingle(s => s.Source.Name == "ActivityDashboard.LiteLlm" && s.OperationName == "litellm.read_usage");
        trace.Where(s => s != server).Should().OnlyContain(s => Ancestors(s, trace).Contains(server), "every span hangs under the request");
    }

    private static async Task<List<Activity>> WaitForTraceAsync(SpanLog spans, ActivityTraceId traceId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var trace = spans.Snapshot().Where(s => s.TraceId == traceId).ToList();
            if (trace.Any(s => IsRequestSpan(s, trace)))
            {
                return trace;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), Ct);
        }

        throw new TimeoutException("The server span of the traced request was not exported within 10 seconds.");
    }

    // The app's own server span: the trace's root here, its parent being the test's remote one.
    private static bool IsRequestSpan(Activity span, List<Activity> trace) =>
        span.Kind == ActivityKind.Server && !trace.Any(s => s.SpanId == span.ParentSpanId);

    private static IEnumerable<Activity> Ancestors(Activity span, List<Activity> trace)
    {
        for (var parent = trace.SingleOrDefault(s => s.SpanId == span.ParentSpanId); parent is not null;
            parent = trace.SingleOrDefault(s => s.SpanId == parent.ParentSpanId))
        {
            yield return parent;
        }
    }

    // The exporter adds from the app's threads while the test reads.
    private sealed class SpanLog : Collection<Activity>
    {
        private readonly Lock _lock = new();

        public List<Activity> Snapshot()
        {
            lock (_lock)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_lock)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
