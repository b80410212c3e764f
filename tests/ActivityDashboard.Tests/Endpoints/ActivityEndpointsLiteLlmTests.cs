using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.LiteLlmStub;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Tests.Endpoints;

/// <summary>
/// GET /api/v1/activity through the real app in LiteLlm mode: the real Refit client against a stub speaking LiteLLM's
/// API, and receipts in a real PostgreSQL.
/// </summary>
public sealed class ActivityEndpointsLiteLlmTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 8, 6, 15, 10, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_StubRowsAndReceipts_ReturnsTheJoinedNumbers()
    {
        // Arrange: a request that straddles the window start, one inside, one whose receipt is written after the end.
        await using var stub = await LiteLlmStubServer.StartAsync(Ct);
        await using var app = NewApp(stub, "acct-litellm-join");
        stub.Add(app.AccountId,
        [
            TestData.UsageEvent(callId: "req-A", at: At(13, 57), endTime: At(14, 1, 30), spend: 0.40m),
            TestData.UsageEvent(callId: "req-B", at: At(14, 30), endTime: At(14, 31, 30), spend: 0.10m),
            TestData.UsageEvent(callId: "req-C", at: At(14, 58), endTime: At(15, 2, 30), spend: 0.25m),
        ]);
        stub.Add("acct-someone-else", [TestData.UsageEvent(callId: "foreign", at: At(14, 40), spend: 9m)]);
        await app.Services.GetRequiredService<IChargeReceiptStore>().AddAsync(
        [
            TestData.ChargeReceipt(accountId: app.AccountId, callId: "req-A", createdAt: At(14, 1, 31), responseCostUsd: 0.40m),
            TestData.ChargeReceipt(accountId: app.AccountId, callId: "req-B", createdAt: At(14, 31, 31), responseCostUsd: 0.10m),
            TestData.ChargeReceipt(accountId: app.AccountId, callId: "req-C", createdAt: At(15, 2, 31), responseCostUsd: 0.25m),
        ], Ct);

        // Act
        var json = await GetJsonAsync(app, "/api/v1/activity?from=2026-08-06T14:00:00Z&to=2026-08-06T15:00:00Z&step=5m");

        // Assert
        var buckets = json.GetProperty("buckets").EnumerateArray().ToList();
        buckets.Should().HaveCount(12);
        var nonEmpty = buckets.Where(b => b.GetProperty("requests").GetInt64() > 0)
            .Select(b => (b.GetProperty("start").GetDateTimeOffset(), b.GetProperty("spend").GetString()))
            .ToList();
        nonEmpty.Should().Equal((At(14, 30), "0.1"), (At(14, 55), "0.25"));
        json.GetProperty("totals").GetProperty("requests").GetInt64().Should().Be(2);
        json.GetProperty("totals").GetProperty("spend").GetString().Should().Be("0.35");
        json.GetProperty("orphanReceipts").GetProperty("count").GetInt32().Should().Be(0, "req-A's receipt belongs to a call before the window");
        stub.SpendLogRequests.Should().OnlyContain(r => r.Query["end_user"] == app.AccountId);
    }

    [Fact]
    public async Task Get_StubAnswers503_Returns503Unavailable()
    {
        await using var stub = await LiteLlmStubServer.StartAsync(Ct);
        stub.FixedResponse = LiteLlmStubResponse.ServiceUnavailable;
        await using var app = NewApp(stub, "acct-litellm-503");

        var problem = await GetProblemAsync(app, "/api/v1/activity?range=7d", HttpStatusCode.ServiceUnavailable);

        problem.GetProperty("reason").GetString().Should().Be("usage_source_unavailable");
    }

    [Fact]
    public async Task Get_StubAnswers500_Returns500Rejected()
    {
        await using var stub = await LiteLlmStubServer.StartAsync(Ct);
        stub.FixedResponse = LiteLlmStubResponse.DatabaseReadTimeout;
        await using var app = NewApp(stub, "acct-litellm-500");

        var problem = await GetProblemAsync(app, "/api/v1/activity?range=24h", HttpStatusCode.InternalServerError);

        problem.GetProperty("reason").GetString().Should().Be("usage_source_rejected");
    }

    [Fact]
    public async Task Get_StubAnswersHtml_Returns503InvalidResponse()
    {
        await using var stub = await LiteLlmStubServer.StartAsync(Ct);
        stub.FixedResponse = LiteLlmStubResponse.Html(200, "<html><body>502 Bad Gateway</body></html>");
        await using var app = NewApp(stub, "acct-litellm-html");

        var problem = await GetProblemAsync(app, "/api/v1/activity?range=1h", HttpStatusCode.ServiceUnavailable);

        problem.GetProperty("reason").GetString().Should().Be("usage_source_invalid_response");
    }

    [Fact]
    public async Task Get_StubStopped_Returns503Unreachable()
    {
        var stub = await LiteLlmStubServer.StartAsync(Ct);
        await using var app = NewApp(stub, "acct-litellm-down");
        await stub.StopAsync();

        var problem = await GetProblemAsync(app, "/api/v1/activity?range=1h", HttpStatusCode.ServiceUnavailable);

        problem.GetProperty("reason").GetString().Should().Be("usage_source_unreachable");
        await stub.DisposeAsync();
    }

    [Fact]
    public async Task Get_StubSlowerThanTheTimeout_Returns503TimeoutWithinTheTimeout()
    {
        await using var stub = await LiteLlmStubServer.StartAsync(Ct);
        stub.Delay = TimeSpan.FromSeconds(20);
        await using var app = NewApp(stub, "acct-litellm-slow");
        var client = await app.CreateUserClientAsync();
        var stopwatch = Stopwatch.StartNew();

        var problem = await GetProblemAsync(app, "/api/v1/activity?range=1h", HttpStatusCode.ServiceUnavailable, client);

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3), "the configured timeout is 1 s and the answer may take T + 1 s at most");
        problem.GetProperty("reason").GetString().Should().Be("usage_source_timeout");
    }

    private ActivityAppFactory NewApp(LiteLlmStubServer stub, string accountId) =>
        new(
            database.ConnectionString,
            s_now,
            accountId,
            new Dictionary<string, string?>
            {
                ["LiteLlm:BaseUrl"] = stub.BaseUrl.ToString(),
                ["LiteLlm:ApiKey"] = stub.ApiKey,
                ["LiteLlm:Timeout"] = "00:00:01",
                ["LiteLlm:MaxRetries"] = "0",
            },
            useFakeUsage: false);

    private static DateTimeOffset At(int hour, int minute, int second = 0) => new(2026, 8, 6, hour, minute, second, TimeSpan.Zero);

    private static async Task<JsonElement> GetJsonAsync(ActivityAppFactory app, string url)
    {
        using var response = await (await app.CreateUserClientAsync()).GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> GetProblemAsync(
        ActivityAppFactory app,
        string url,
        HttpStatusCode status,
        HttpClient? client = null)
    {
        using var response = await (client ?? await app.CreateUserClientAsync()).GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        body.Should().NotContain(LiteLlmStubServer.DefaultApiKey, "the LiteLLM key never reaches a response");
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.TryGetProperty("totals", out _).Should().BeFalse("an error carries no numbers");

        return problem;
    }
}
