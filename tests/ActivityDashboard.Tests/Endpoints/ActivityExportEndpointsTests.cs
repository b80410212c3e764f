using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Core.Demo;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Tests.Endpoints;

/// <summary>GET /api/v1/activity/export through the real app, a real PostgreSQL and the fake usage source.</summary>
public sealed class ActivityExportEndpointsTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    // 30 days back crosses the end of summer time in Berlin (2026-10-25), so one day bucket is 25 hours long.
    private static readonly DateTimeOffset s_now = new(2026, 11, 15, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_Window_WritesHeaderLinesRequestsNewestFirstThenBuckets()
    {
        await using var app = NewApp("acct-export");
        app.Usage.Add(app.AccountId,
        [
            Call("call-old", s_now.AddHours(-3), tokensIn: 10, tokensOut: 5),
            Call("call-new", s_now.AddMinutes(-30), tokensIn: 20, tokensOut: 7, status: UsageStatus.Failure),
            Call("call-outside", s_now.AddHours(-30)),
        ]);
        await AddReceiptsAsync(app, [Receipt(app.AccountId, "call-old", s_now.AddHours(-3).AddSeconds(2), usd: 0.000123m)]);

        using var response = await (await app.CreateUserClientAsync()).GetAsync(
            "/api/v1/activity/export?range=24h&tz=Europe/Berlin&step=6h", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/csv; charset=utf-8");
        response.Content.Headers.ContentDisposition!.ToString().Should().Be(
            "attachment; filename=\"activity-acct-export-20261114T103000Z-20261115T103000Z.csv\"");
        var csv = CsvDocument.Parse(text);
        csv.Comment("from").Should().Be("2026-11-14T10:30:00Z");
        csv.Comment("to").Should().Be("2026-11-15T10:30:00Z");
        csv.Comment("preset").Should().Be("24h");
        csv.Comment("zone").Should().Be("Europe/Berlin");
        csv.Comment("step").Should().Be("6h");
        csv.RequestHeader.Should().Equal("time", "time_utc", "call_id", "model", "provider", "tokens_in", "tokens_out", "billed", "status");
        csv.Requests.Should().HaveCount(2, "the call 30 hours ago lies outside the window");
        csv.Requests[0].Should().Equal(
            "2026-11-15T11:00:00+01:00", "2026-11-15T10:00:00Z", "call-new", "gpt-4o-mini-2024-07-18", "openai", "20", "7", "", "failure");
        csv.RequestField(1, "call_id").Should().Be("call-old");
        csv.RequestField(1, "billed").Should().Be("0.000123", "the exact invariant decimal, not rounded to a cent");
        csv.BucketHeader.Should().Equal("start", "end", "partial", "requests", "tokens_in", "tokens_out", "spend");
        csv.Buckets.Should().HaveCount(5, "11:30 to 11:30 Berlin time on a 6-hour grid: 06-12 (partial), 12, 18, 00, 06-12 (partial)");
        csv.Buckets[0].Should().Equal("2026-11-14T06:00:00+01:00", "2026-11-14T12:00:00+01:00", "true", "0", "0", "0", "0");
        csv.Buckets[^1].Should().Equal("2026-11-15T06:00:00+01:00", "2026-11-15T12:00:00+01:00", "true", "2", "30", "12", "0.000123");
    }

    [Fact]
    public async Task Export_TextWithSeparatorsAndFormulas_IsQuotedAndNeutralised()
    {
        await using var app = NewApp("acct-quoting");
        app.Usage.Add(app.AccountId,
        [
            Call("=HYPERLINK(\"http://evil\",\"x\")", s_now.AddMinutes(-10), model: "gpt, \"quoted\"\r\nand a line", provider: "@SUM(A1)"),
            Call("-2+3", s_now.AddMinutes(-20), model: "+cmd", provider: "\tvendor"),
        ]);

        var text = await ExportAsync(app, "range=1h");

        var csv = CsvDocument.Parse(text);
        csv.Requests.Should().HaveCount(2);
        csv.RequestField(0, "call_id").Should().Be("'=HYPERLINK(\"http://evil\",\"x\")");
        csv.RequestField(0, "model").Should().Be("gpt, \"quoted\"\r\nand a line", "commas, quotes and line breaks survive quoting");
        csv.RequestField(0, "provider").Should().Be("'@SUM(A1)");
        csv.RequestField(1, "call_id").Should().Be("'-2+3");
        csv.RequestField(1, "model").Should().Be("'+cmd");
        csv.RequestField(1, "provider").Should().Be("'\tvendor");
        text.Should().Contain("\"gpt, \"\"quoted\"\"\r\nand a line\"", "quotes are doubled inside a quoted field");
    }

    [Fact]
    public async Task Export_MoreRowsThanAPageAndAFlush_WritesEveryRowNewestFirst()
    {
        await using var app = NewApp("acct-export-many");
        var calls = Enumerable.Range(0, 1_234)
            .Select(i => Call(string.Create(CultureInfo.InvariantCulture, $"call-{i:D4}"), s_now.AddHours(-20).AddSeconds(i * 50)))
            .ToList();
        app.Usage.Add(app.AccountId, calls);

        var csv = CsvDocument.Parse(await ExportAsync(app, "range=24h"));

        csv.Requests.Select(r => r[2]).Should().Equal(calls.Select(c => c.CallId).Reverse(), "the whole window, newest first, not one page");
        csv.Buckets.Sum(b => long.Parse(b[3], CultureInfo.InvariantCulture)).Should().Be(1_234);
    }

    [Theory]
    [InlineData("range=2h", "invalid_range")]
    [InlineData("from=2026-06-01T00:00:00Z", "invalid_range")]
    [InlineData("step=7m", "invalid_step")]
    [InlineData("tz=Mars/Olympus_Mons", "invalid_time_zone")]
    [InlineData("groupBy=team", "invalid_group_by")]
    [InlineData("account=not%20valid", "forbidden")]
    public async Task Export_BadInput_Returns400ProblemAndReadsNothing(string query, string reason)
    {
        await using var app = NewApp("acct-export-bad");

        using var response = await (await app.CreateUserClientAsync()).GetAsync($"/api/v1/activity/export?{query}", Ct);

        var expected = reason == "forbidden" ? HttpStatusCode.Forbidden : HttpStatusCode.BadRequest;
        response.StatusCode.Should().Be(expected);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Content.Headers.ContentDisposition.Should().BeNull();
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("reason").GetString().Should().Be(reason);
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrWhiteSpace();
        app.Usage.Calls.Should().BeEmpty("nothing is fetched for a request we refuse");
    }

    [Theory]
    [InlineData(UsageSourceFailure.Unavailable, HttpStatusCode.ServiceUnavailable, "usage_source_unavailable")]
    [InlineData(UsageSourceFailure.InvalidResponse, HttpStatusCode.ServiceUnavailable, "usage_source_invalid_response")]
    [InlineData(UsageSourceFailure.Rejected, HttpStatusCode.InternalServerError, "usage_source_rejected")]
    public async Task Export_UsageSourceFails_ReturnsProblemAndNoPartialCsv(
        UsageSourceFailure failure,
        HttpStatusCode status,
        string reason)
    {
        await using var app = NewApp("acct-export-failing");
        app.Usage.Add(app.AccountId, [Call("call-one", s_now.AddMinutes(-10))]);
        app.Usage.Failure = failure;

        using var response = await (await app.CreateUserClientAsync()).GetAsync("/api/v1/activity/export?range=7d", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Content.Headers.ContentDisposition.Should().BeNull("no file is offered for a failed export");
        body.Should().NotContain("# ").And.NotContain("call_id").And.NotContain("call-one");
        JsonDocument.Parse(body).RootElement.GetProperty("reason").GetString().Should().Be(reason);
    }

    [Fact]
    public async Task Export_NonOperator_HasNoProviderCostColumn()
    {
        await using var app = NewApp("acct-export-user");
        app.Usage.Add(app.AccountId, [Call("call-one", s_now.AddMinutes(-10), providerCost: 0.4242m)]);

        var text = await ExportAsync(app, "range=1h");

        var csv = CsvDocument.Parse(text);
        csv.RequestHeader.Should().NotContain("provider_cost");
        csv.Requests.Should().ContainSingle().Which.Should().HaveCount(9);
        text.Should().NotContain("0.4242", "provider cost is for operators only");
    }

    [Fact]
    public async Task Export_OperatorOfAnotherAccount_HasProviderCostColumn()
    {
        await using var app = NewApp("acct-export-op");
        app.Usage.Add("acct-customer", [Call("call-one", s_now.AddMinutes(-10), providerCost: 0.4242m)]);

        var client = await app.CreateUserClientAsync(isOperator: true);
        using var response = await client.GetAsync("/api/v1/activity/export?range=1h&account=acct-customer", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        var csv = CsvDocument.Parse(text);
        csv.Comment("account").Should().Be("acct-customer");
        csv.RequestHeader[^1].Should().Be("provider_cost");
        csv.RequestField(0, "provider_cost").Should().Be("0.4242");
        csv.BucketHeader[^1].Should().Be("provider_cost");
        csv.Buckets.Select(b => b[^1]).Should().Contain("0.4242", "the bucket holding the call carries its provider cost");
    }

    [Fact]
    public async Task Export_ByModelWithAnOrphanReceipt_NamesTheBreakdownAndExplainsItsTotals()
    {
        await using var app = NewApp("acct-export-groups");
        app.Usage.Add(app.AccountId,
        [
            Call("call-a", s_now.AddMinutes(-40), model: "model-a"),
            Call("call-b", s_now.AddMinutes(-20), model: "model-b"),
        ]);
        await AddReceiptsAsync(app,
        [
            Receipt(app.AccountId, "call-a", s_now.AddMinutes(-39), usd: 0.25m),
            Receipt(app.AccountId, "call-b", s_now.AddMinutes(-19), usd: 0.5m),
            Receipt(app.AccountId, "call-gone", s_now.AddMinutes(-10), usd: 0.125m),
        ]);

        var csv = CsvDocument.Parse(await ExportAsync(app, "range=1h&groupBy=model"));

        csv.Comment("breakdown").Should().Be("model");
        csv.Comment("orphan_receipts").Should().Be("1");
        csv.Comment("orphan_receipts_spend").Should().Be("0.125");
        var billed = csv.Requests.Sum(r => Money(r[csv.RequestHeader.ToList().IndexOf("billed")]));
        var bucketSpend = csv.Buckets.Sum(b => Money(b[csv.BucketHeader.ToList().IndexOf("spend")]));
        (billed + 0.125m).Should().Be(bucketSpend, "request lines plus the orphan receipts make the buckets' spend");
        csv.GroupHeader.Should().Equal("group", "start", "end", "partial", "requests", "tokens_in", "tokens_out", "spend");
        var spendByGroup = csv.Groups.GroupBy(g => g[0]).ToDictionary(g => g.Key, g => g.Sum(r => Money(r[^1])));
        spendByGroup.Should().Equal(new Dictionary<string, decimal> { ["model-b"] = 0.5m, ["model-a"] = 0.25m, ["Unattributed"] = 0.125m });
        csv.Groups.Should().HaveCount(3 * csv.Buckets.Count, "every group has every bucket of the grid");
    }

    [Fact]
    public async Task Export_WithoutBreakdown_HasNoGroupSection()
    {
        await using var app = NewApp("acct-export-nogroups");
        app.Usage.Add(app.AccountId, [Call("call-a", s_now.AddMinutes(-40))]);

        var text = await ExportAsync(app, "range=1h");

        var csv = CsvDocument.Parse(text);
        csv.Comment("breakdown").Should().Be("none");
        csv.Comment("orphan_receipts").Should().Be("0");
        csv.Comment("orphan_receipts_spend").Should().Be("0");
        text.Should().NotContain("# groups");
    }

    [Fact]
    public async Task Export_UserOfAnotherAccount_Returns403AndReadsNothing()
    {
        await using var app = NewApp("acct-export-a");
        app.Usage.Add("acct-export-b", [Call("secret", s_now.AddMinutes(-10))]);

        using var response = await (await app.CreateUserClientAsync()).GetAsync(
            "/api/v1/activity/export?range=1h&account=acct-export-b", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        body.Should().NotContain("secret");
        app.Usage.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Export_ThirtyDayDemoWindow_MatchesTheApiToTheCent()
    {
        await using var app = NewApp("acme-corp");
        await SeedDemoAsync(app);
        var client = await app.CreateUserClientAsync();

        var api = await GetJsonAsync(client, "/api/v1/activity?range=30d&tz=Europe/Berlin&limit=100");
        var from = api.GetProperty("from").GetDateTimeOffset();
        var to = api.GetProperty("to").GetDateTimeOffset();
        var exportUrl = string.Create(
            CultureInfo.InvariantCulture,
            $"/api/v1/activity/export?from={from.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z&to={to.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z&range=30d&step=1d&tz=Europe/Berlin");
        using var response = await client.GetAsync(exportUrl, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        var csv = CsvDocument.Parse(text);

        var totals = api.GetProperty("totals");
        var spend = Money(totals.GetProperty("spend").GetString());
        var orphanSpend = Money(api.GetProperty("orphanReceipts").GetProperty("spend").GetString());
        csv.Requests.Should().HaveCount((int)totals.GetProperty("requests").GetInt64()).And.HaveCountGreaterThan(1_000);
        csv.Requests.Where(r => r[7].Length > 0).Should().NotBeEmpty();
        var billed = csv.Requests.Sum(r => r[7].Length == 0 ? 0m : Money(r[7]));
        (billed + orphanSpend).Should().Be(spend, "the requests' billed amounts plus orphan receipts are the API's spend, exactly");
        csv.Buckets.Sum(b => Money(b[6])).Should().Be(spend, "the buckets add up to the API's spend, exactly");
        csv.Requests.Sum(r => long.Parse(r[5], CultureInfo.InvariantCulture)).Should().Be(totals.GetProperty("tokensIn").GetInt64());
        csv.Requests.Sum(r => long.Parse(r[6], CultureInfo.InvariantCulture)).Should().Be(totals.GetProperty("tokensOut").GetInt64());

        var apiBuckets = api.GetProperty("buckets").EnumerateArray().ToList();
        csv.Buckets.Should().HaveCount(apiBuckets.Count);
        for (var i = 0; i < apiBuckets.Count; i++)
        {
            var b = apiBuckets[i];
            DateTimeOffset.Parse(csv.Buckets[i][0], CultureInfo.InvariantCulture).Should().Be(b.GetProperty("start").GetDateTimeOffset());
            DateTimeOffset.Parse(csv.Buckets[i][1], CultureInfo.InvariantCulture).Should().Be(b.GetProperty("end").GetDateTimeOffset());
            csv.Buckets[i][0].Should().EndWith(b.GetProperty("start").GetDateTimeOffset().ToString("zzz", CultureInfo.InvariantCulture));
            csv.Buckets[i].Skip(2).Should().Equal(
                b.GetProperty("partial").GetBoolean() ? "true" : "false",
                b.GetProperty("requests").GetInt64().ToString(CultureInfo.InvariantCulture),
                b.GetProperty("tokensIn").GetInt64().ToString(CultureInfo.InvariantCulture),
                b.GetProperty("tokensOut").GetInt64().ToString(CultureInfo.InvariantCulture),
                b.GetProperty("spend").GetString());
        }

        csv.Requests.Take(100).Select(r => r[2]).Should().Equal(
            api.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("callId").GetString()),
            "the export lists requests in the table's order");
        csv.Buckets.Should().Contain(b => b[0] == "2026-10-25T00:00:00+02:00" && b[1] == "2026-10-26T00:00:00+01:00",
            "the day summer time ends is one 25-hour bucket, as in the API");
    }

    // As the demo seeder does: the generator's calls into the fake usage source, its receipts into PostgreSQL.
    private static async Task SeedDemoAsync(ActivityAppFactory app)
    {
        var billing = app.Services.GetRequiredService<IOptions<BillingOptions>>().Value;
        var generator = new DemoUsageGenerator(billing.Markup, billing.CreditsPerUsd);
        var (events, receipts) = DemoSeeder.Slice(generator, app.AccountId, s_now - DemoSeeder.History, s_now);
        await app.Services.GetRequiredService<IChargeReceiptStore>().AddAsync([.. receipts], Ct);
        app.Usage.Add(app.AccountId, events);
    }

    private ActivityAppFactory NewApp(string accountId) => new(database.ConnectionString, s_now, accountId);

    private static async Task<string> ExportAsync(ActivityAppFactory app, string query)
    {
        using var response = await (await app.CreateUserClientAsync()).GetAsync($"/api/v1/activity/export?{query}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);

        return text;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static decimal Money(string? text) => decimal.Parse(text!, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static async Task AddReceiptsAsync(ActivityAppFactory app, IReadOnlyCollection<ChargeReceipt> receipts) =>
        await app.Services.GetRequiredService<IChargeReceiptStore>().AddAsync(receipts, Ct);

    private static UsageEvent Call(
        string id,
        DateTimeOffset start,
        decimal providerCost = 0.01m,
        long tokensIn = 860,
        long tokensOut = 140,
        string model = "gpt-4o-mini-2024-07-18",
        string provider = "openai",
        UsageStatus status = UsageStatus.Success) =>
        TestData.UsageEvent(
            callId: id,
            at: start,
            spend: providerCost,
            tokensIn: tokensIn,
            tokensOut: tokensOut,
            model: model,
            provider: provider,
            status: status);

    private static ChargeReceipt Receipt(string accountId, string callId, DateTimeOffset createdAt, decimal usd) =>
        TestData.ChargeReceipt(accountId: accountId, callId: callId, createdAt: createdAt, responseCostUsd: usd);
}
