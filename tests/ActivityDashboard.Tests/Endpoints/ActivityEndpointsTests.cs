using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ActivityDashboard.Tests.Endpoints;

/// <summary>GET /api/v1/activity through the real app, a real PostgreSQL and the fake usage source.</summary>
public sealed class ActivityEndpointsTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 5, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_Last24Hours_ReturnsHourBucketsCoveringTheRange()
    {
        await using var app = NewApp("acct-24h");
        app.Usage.Add(app.AccountId, [Call("c1", s_now.AddHours(-2)), Call("c2", s_now.AddMinutes(-5))]);

        var json = await GetJsonAsync(app, "/api/v1/activity?range=24h");

        json.GetProperty("step").GetString().Should().Be("1h");
        json.GetProperty("timeZone").GetString().Should().Be("UTC");
        json.GetProperty("from").GetDateTimeOffset().Should().Be(s_now.AddHours(-24));
        json.GetProperty("to").GetDateTimeOffset().Should().Be(s_now);
        var buckets = json.GetProperty("buckets").EnumerateArray().ToList();
        buckets.Should().HaveCount(25, "10:30 to 10:30 the next day spans 25 hour-grid buckets, the first and last partial");
        buckets[0].GetProperty("start").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 6, 4, 10, 0, 0, TimeSpan.Zero));
        buckets[0].GetProperty("partial").GetBoolean().Should().BeTrue();
        buckets[^1].GetProperty("partial").GetBoolean().Should().BeTrue();
        json.GetProperty("totals").GetProperty("requests").GetInt64().Should().Be(2);
    }

    [Fact]
    public async Task Get_CallsWithReceipts_ReturnsBilledAmountsAsExactStrings()
    {
        await using var app = NewApp("acct-join");
        app.Usage.Add(app.AccountId,
        [
            Call("call-1", s_now.AddMinutes(-50), providerCost: 0.1m),
            Call("call-2", s_now.AddMinutes(-40), providerCost: 0.2m),
            Call("call-3", s_now.AddMinutes(-30), providerCost: 0.5m),
        ]);
        await AddReceiptsAsync(app,
        [
            Receipt(app.AccountId, "call-1", s_now.AddMinutes(-49), usd: 0.1m),
            Receipt(app.AccountId, "call-2", s_now.AddMinutes(-39), usd: 0.2m),
            Receipt(app.AccountId, "orphan-9", s_now.AddMinutes(-20), usd: 0.05m),
        ]);

        var json = await GetJsonAsync(app, "/api/v1/activity?range=1h");

        var totals = json.GetProperty("totals");
        totals.GetProperty("requests").GetInt64().Should().Be(3);
        totals.GetProperty("spend").GetString().Should().Be("0.35", "0.1 + 0.2 joined plus the 0.05 orphan, never through a double");
        json.GetProperty("orphanReceipts").GetProperty("count").GetInt32().Should().Be(1);
        json.GetProperty("orphanReceipts").GetProperty("spend").GetString().Should().Be("0.05");
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("callId").GetString()).Should().Equal("call-3", "call-2", "call-1");
        rows[0].GetProperty("billed").ValueKind.Should().Be(JsonValueKind.Null, "a call without a receipt is missing, never zero");
        rows[1].GetProperty("billed").GetString().Should().Be("0.2");
        rows[0].TryGetProperty("providerCost", out _).Should().BeFalse("provider cost is for operators only");
    }

    [Fact]
    public async Task Get_CustomRangeReachingPastNow_AnswersUpToNowWithAPartialLastBucket()
    {
        await using var app = NewApp("acct-today");
        app.Usage.Add(app.AccountId, [Call("c1", s_now.AddHours(-2))]);

        var json = await GetJsonAsync(app, "/api/v1/activity?from=2026-06-05T00:00:00Z&to=2026-06-06T00:00:00Z&step=1h");

        json.GetProperty("to").GetDateTimeOffset().Should().Be(s_now, "the range is cut at the clock's now");
        var buckets = json.GetProperty("buckets").EnumerateArray().ToList();
        buckets.Should().HaveCount(11, "00:00 to 10:30 on the hour grid, the 10:00 bucket partial; no bucket after now");
        buckets[^1].GetProperty("start").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 6, 5, 10, 0, 0, TimeSpan.Zero));
        buckets[^1].GetProperty("partial").GetBoolean().Should().BeTrue();
        json.GetProperty("totals").GetProperty("requests").GetInt32().Should().Be(1);
        json.GetProperty("totals").GetProperty("avgPerDay").ValueKind.Should().Be(JsonValueKind.Null, "10.5 hours are under a day");
    }

    [Theory]
    [InlineData("range=2h", "invalid_range")]
    [InlineData("from=2026-06-01T00:00:00Z", "invalid_range")]
    [InlineData("from=2026-06-02T00:00:00%2B00:00&to=2026-06-01T00:00:00%2B00:00", "invalid_range")]
    [InlineData("from=2026-06-06T00:00:00Z&to=2026-06-07T00:00:00Z", "invalid_range")]
    [InlineData("step=7m", "invalid_step")]
    [InlineData("range=30d&step=5m", "invalid_step")]
    [InlineData("tz=Mars/Olympus_Mons", "invalid_time_zone")]
    [InlineData("limit=0", "invalid_limit")]
    [InlineData("limit=101", "invalid_limit")]
    [InlineData("limit=ten", "invalid_limit")]
    [InlineData("cursor=not-a-cursor", "invalid_cursor")]
    [InlineData("groupBy=team", "invalid_group_by")]
    public async Task Get_BadInput_Returns400ProblemNamingTheReason(string query, string reason)
    {
        await using var app = NewApp("acct-bad-input");

        using var response = await (await app.CreateUserClientAsync()).GetAsync($"/api/v1/activity?{query}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("reason").GetString().Should().Be(reason);
        problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrWhiteSpace();
        app.Usage.Calls.Should().BeEmpty("nothing is fetched for a request we refuse");
    }

    [Theory]
    [InlineData(UsageSourceFailure.Unreachable, HttpStatusCode.ServiceUnavailable, "usage_source_unreachable")]
    [InlineData(UsageSourceFailure.Timeout, HttpStatusCode.ServiceUnavailable, "usage_source_timeout")]
    [InlineData(UsageSourceFailure.Unavailable, HttpStatusCode.ServiceUnavailable, "usage_source_unavailable")]
    [InlineData(UsageSourceFailure.InvalidResponse, HttpStatusCode.ServiceUnavailable, "usage_source_invalid_response")]
    [InlineData(UsageSourceFailure.Rejected, HttpStatusCode.InternalServerError, "usage_source_rejected")]
    public async Task Get_UsageSourceFails_ReturnsProblemWithoutNumbers(
        UsageSourceFailure failure,
        HttpStatusCode status,
        string reason)
    {
        await using var app = NewApp("acct-failing");
        app.Usage.Add(app.AccountId, [Call("c1", s_now.AddMinutes(-10))]);
        app.Usage.Failure = failure;

        using var response = await (await app.CreateUserClientAsync()).GetAsync("/api/v1/activity?range=7d", Ct);

        response.StatusCode.Should().Be(status);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("reason").GetString().Should().Be(reason);
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrWhiteSpace();
        problem.TryGetProperty("totals", out _).Should().BeFalse();
        problem.TryGetProperty("buckets", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Get_ReceiptsDatabaseDown_Returns503ReceiptsUnavailable()
    {
        // Arrange: a database of its own, signed in while it is up, then dropped under the running app.
        var own = await database.Server.CreateEmptyDatabaseAsync("dbdown", Ct);
        await using var app = new ActivityAppFactory(own, s_now, "acct-no-db");
        app.Usage.Add(app.AccountId, [Call("c1", s_now.AddMinutes(-10))]);
        var client = await app.CreateUserClientAsync();
        await using (var admin = new NpgsqlConnection(await database.Server.GetAdminConnectionStringAsync(Ct)))
        {
            await admin.OpenAsync(Ct);
            var name = new NpgsqlConnectionStringBuilder(own).Database;
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(Ct);
        }

        // Act
        using var response = await client.GetAsync("/api/v1/activity?range=1h", Ct);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("reason").GetString().Should().Be("receipts_unavailable");
    }

    [Fact]
    public async Task Get_WithCursor_PagesThroughThePinnedWindow()
    {
        await using var app = NewApp("acct-paging");
        var calls = Enumerable.Range(0, 5).Select(i => Call($"p{i}", s_now.AddMinutes(-50 + i))).ToList();
        app.Usage.Add(app.AccountId, calls);
        var client = await app.CreateUserClientAsync();

        var first = await GetJsonAsync(app, "/api/v1/activity?range=1h&limit=2", client);
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        app.Usage.Add(app.AccountId, [Call("late", s_now.AddMinutes(5))]);
        var cursor = first.GetProperty("nextCursor").GetString()!;
        var second = await GetJsonAsync(app, $"/api/v1/activity?range=1h&limit=2&cursor={Uri.EscapeDataString(cursor)}", client);
        var third = await GetJsonAsync(
            app,
            $"/api/v1/activity?range=1h&limit=2&cursor={Uri.EscapeDataString(second.GetProperty("nextCursor").GetString()!)}",
            client);

        ApiJson.CallIds(first).Should().Equal("p4", "p3");
        ApiJson.CallIds(second).Should().Equal("p2", "p1");
        ApiJson.CallIds(third).Should().Equal("p0");
        third.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
        second.GetProperty("from").GetDateTimeOffset().Should().Be(s_now.AddHours(-1), "the cursor pins the first page's window");
    }

    [Fact]
    public async Task Get_TamperedCursor_Returns400InvalidCursor()
    {
        await using var app = NewApp("acct-tamper");
        app.Usage.Add(app.AccountId, Enumerable.Range(0, 3).Select(i => Call($"t{i}", s_now.AddMinutes(-30 + i))).ToList());
        var client = await app.CreateUserClientAsync();
        var first = await GetJsonAsync(app, "/api/v1/activity?range=1h&limit=1", client);
        var cursor = first.GetProperty("nextCursor").GetString()!;
        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1];

        using var response = await client.GetAsync($"/api/v1/activity?range=1h&cursor={Uri.EscapeDataString(tampered)}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("reason").GetString().Should().Be("invalid_cursor");
    }

    [Fact]
    public async Task Get_CursorOfAnotherAccount_Returns400InvalidCursor()
    {
        string foreignCursor;
        await using (var other = NewApp("acct-cursor-owner"))
        {
            other.Usage.Add(other.AccountId, Enumerable.Range(0, 3).Select(i => Call($"o{i}", s_now.AddMinutes(-30 + i))).ToList());
            var page = await GetJsonAsync(other, "/api/v1/activity?range=1h&limit=1");
            foreignCursor = page.GetProperty("nextCursor").GetString()!;
        }

        await using var app = NewApp("acct-cursor-thief");
        using var response = await (await app.CreateUserClientAsync()).GetAsync($"/api/v1/activity?cursor={Uri.EscapeDataString(foreignCursor)}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString().Should().Be("invalid_cursor");
    }

    [Fact]
    public async Task OpenApi_DescribesTheActivityEndpoint()
    {
        await using var app = NewApp("acct-openapi");

        var json = await GetJsonAsync(app, "/openapi/v1.json");

        json.GetProperty("paths").TryGetProperty("/api/v1/activity", out var path).Should().BeTrue();
        path.GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString())
            .Should().Contain(["range", "from", "to", "step", "tz", "groupBy", "limit", "cursor"]);
    }

    private ActivityAppFactory NewApp(string accountId) => new(database.ConnectionString, s_now, accountId);

    private static async Task<JsonElement> GetJsonAsync(ActivityAppFactory app, string url, HttpClient? client = null)
    {
        client ??= await app.CreateUserClientAsync();
        using var response = await client.GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task AddReceiptsAsync(ActivityAppFactory app, IReadOnlyCollection<ChargeReceipt> receipts)
    {
        var store = app.Services.GetRequiredService<IChargeReceiptStore>();
        await store.AddAsync(receipts, Ct);
    }

    private static UsageEvent Call(string id, DateTimeOffset start, decimal providerCost = 0.01m) =>
        TestData.UsageEvent(callId: id, at: start, spend: providerCost);

    private static ChargeReceipt Receipt(string accountId, string callId, DateTimeOffset createdAt, decimal usd) =>
        TestData.ChargeReceipt(accountId: accountId, callId: callId, createdAt: createdAt, responseCostUsd: usd);
}
