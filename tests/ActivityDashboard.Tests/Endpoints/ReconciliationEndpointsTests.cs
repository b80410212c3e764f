using System.Globalization;
using System.Net;
using System.Text.Json;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Ports;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityDashboard.Tests.Endpoints;

/// <summary>GET /api/v1/admin/reconciliation and its export through the real app, a real PostgreSQL and the fake usage source.</summary>
public sealed class ReconciliationEndpointsTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 7, 14, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_OperatorOneAccount_FindsUnbilledOrphansAndMismatchesOnly()
    {
        await using var app = NewApp("acct-ops");
        const string Customer = "acct-recon-customer";
        app.Usage.Add(Customer,
        [
            Call("call-right", s_now.AddMinutes(-50), providerCost: 0.01m),
            Call("call-unbilled", s_now.AddMinutes(-45), providerCost: 0.02m),
            Call("call-failed-free", s_now.AddMinutes(-44), providerCost: 0m, status: UsageStatus.Failure),
            Call("call-overbilled", s_now.AddMinutes(-40), providerCost: 0.01m),
            Call("call-adjusted", s_now.AddMinutes(-35), providerCost: 0.01m),
            Call("call-free-but-billed", s_now.AddMinutes(-30), providerCost: 0m),
        ]);
        await AddReceiptsAsync(app,
        [
            Receipt(Customer, "call-right", s_now.AddMinutes(-49), 0.012m, "rcpt-right"),
            Receipt(Customer, "call-overbilled", s_now.AddMinutes(-39), 0.02m, "rcpt-over"),
            Receipt(Customer, "call-adjusted", s_now.AddMinutes(-34), 0.007m, "rcpt-adj-first"),
            Receipt(Customer, "call-adjusted", s_now.AddMinutes(-33), 0.005m, "rcpt-adj-second"),
            Receipt(Customer, "call-free-but-billed", s_now.AddMinutes(-29), 0.0417m, "rcpt-free"),
            Receipt(Customer, "chatcmpl-nowhere", s_now.AddMinutes(-20), 0.05m, "rcpt-orphan-id"),
            Receipt(Customer, null, s_now.AddMinutes(-10), 0.2m, "rcpt-orphan-noid"),
        ]);
        var client = await app.CreateUserClientAsync(isOperator: true);

        var json = await ApiJson.GetOkAsync(client, $"/api/v1/admin/reconciliation?range=1h&account={Customer}");

        json.GetProperty("account").GetString().Should().Be(Customer);
        json.GetProperty("markup").GetString().Should().Be("1.2");
        json.GetProperty("tolerance").GetString().Should().Be("0.000001");
        var findings = json.GetProperty("findings").EnumerateArray()
            .Select(f => (Kind: f.GetProperty("kind").GetString(), CallId: f.GetProperty("callId").GetString(),
                Receipts: string.Join(' ', f.GetProperty("receipts").EnumerateArray().Select(r => r.GetString()))))
            .ToList();
        findings.Should().Equal(
            [
                ("orphan_receipt", null, "rcpt-orphan-noid"),
                ("orphan_receipt", "chatcmpl-nowhere", "rcpt-orphan-id"),
                ("amount_mismatch", "call-free-but-billed", "rcpt-free"),
                ("amount_mismatch", "call-overbilled", "rcpt-over"),
                ("unbilled_call", "call-unbilled", ""),
            ],
            "newest first; the adjusted call's two receipts make the right amount and a free failed call is not unbilled");
        var overbilled = json.GetProperty("findings")[3];
        overbilled.GetProperty("billed").GetString().Should().Be("0.02");
        overbilled.GetProperty("providerCost").GetString().Should().Be("0.01");
        overbilled.GetProperty("expected").GetString().Should().Be("0.012");
        overbilled.GetProperty("difference").GetString().Should().Be("0.008");
        json.GetProperty("findings")[4].GetProperty("billed").ValueKind.Should().Be(JsonValueKind.Null, "unbilled is missing, never zero");

        var totals = json.GetProperty("totals");
        totals.GetProperty("requests").GetInt64().Should().Be(6);
        totals.GetProperty("spend").GetString().Should().Be("0.3357", "0.012 + 0.02 + 0.012 + 0.0417 joined, plus 0.25 in orphans");
        totals.GetProperty("providerCost").GetString().Should().Be("0.05");
        totals.GetProperty("unbilledCalls").GetInt32().Should().Be(1);
        totals.GetProperty("unbilledProviderCost").GetString().Should().Be("0.02");
        totals.GetProperty("orphanReceipts").GetInt32().Should().Be(2);
        totals.GetProperty("orphanSpend").GetString().Should().Be("0.25");
        totals.GetProperty("mismatches").GetInt32().Should().Be(2);
        totals.GetProperty("mismatchDifference").GetString().Should().Be("0.0497");

        var distribution = json.GetProperty("markupDistribution");
        distribution.GetProperty("withoutProviderCost").GetInt32().Should().Be(1);
        var bins = distribution.GetProperty("bins").EnumerateArray()
            .ToDictionary(b => b.GetProperty("label").GetString()!, b => b.GetProperty("count").GetInt32());
        bins["1.2"].Should().Be(2, "the right call and the adjusted one were billed 1.2 times their cost");
        bins["2.0"].Should().Be(1);
        bins.Values.Sum().Should().Be(3);

        var activity = await ApiJson.GetOkAsync(client, $"/api/v1/activity?range=1h&account={Customer}");
        activity.GetProperty("totals").GetProperty("spend").GetString().Should().Be(totals.GetProperty("spend").GetString());
        activity.GetProperty("totals").GetProperty("providerCost").GetString().Should().Be(totals.GetProperty("providerCost").GetString());
    }

    [Fact]
    public async Task Get_OperatorAllAccounts_ReadsEveryKnownAccountAndAddsThemUp()
    {
        await using var app = NewApp("acct-all-op");
        app.Usage.Add("acct-all-op", [Call("call-of-operator", s_now.AddMinutes(-30), providerCost: 0.01m)]);
        app.Usage.Add("acct-all-receipts-only", [Call("call-unbilled-other", s_now.AddMinutes(-20), providerCost: 0.03m)]);
        await AddReceiptsAsync(app, [Receipt("acct-all-receipts-only", "chatcmpl-gone", s_now.AddMinutes(-10), 0.04m, "rcpt-gone")]);
        var client = await app.CreateUserClientAsync(isOperator: true);

        var json = await ApiJson.GetOkAsync(client, "/api/v1/admin/reconciliation?range=1h&step=15m");

        json.GetProperty("account").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("accounts").EnumerateArray().Select(a => a.GetString())
            .Should().Contain(["acct-all-op", "acct-all-receipts-only"]);
        json.GetProperty("totals").GetProperty("requests").GetInt64().Should().Be(2, "only this app's fake source has calls");

        // Other tests of this class leave receipts of their own accounts in the shared database; those are orphans here.
        json.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("account").GetString()!.StartsWith("acct-all-", StringComparison.Ordinal))
            .Select(f => f.GetProperty("account").GetString() + "/" + f.GetProperty("kind").GetString())
            .Should().BeEquivalentTo(
                "acct-all-receipts-only/orphan_receipt",
                "acct-all-receipts-only/unbilled_call",
                "acct-all-op/unbilled_call");
        app.Usage.Calls.Select(c => c.AccountId).Should().Contain(["acct-all-op", "acct-all-receipts-only"]);
    }

    [Fact]
    public async Task Get_NonOperator_Returns403AndReadsNothing()
    {
        await using var app = NewApp("acct-recon-user");
        app.Usage.Add(app.AccountId, [Call("call-secret-x", s_now.AddMinutes(-10))]);

        using var response = await (await app.CreateUserClientAsync()).GetAsync(
            "/api/v1/admin/reconciliation?range=1h&account=acct-recon-user", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        JsonDocument.Parse(body).RootElement.GetProperty("reason").GetString().Should().Be("forbidden");
        body.Should().NotContain("call-secret-x");
        app.Usage.Calls.Should().BeEmpty();
    }

    [Theory]
    [InlineData("/api/v1/admin/reconciliation?range=1h")]
    [InlineData("/api/v1/admin/reconciliation/export?range=1h")]
    public async Task Get_Anonymous_Returns401Problem(string url)
    {
        await using var app = NewApp("acct-recon-anon");

        using var response = await app.CreateAnonymousClient().GetAsync(url, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        problem.GetProperty("reason").GetString().Should().Be("unauthenticated");
        app.Usage.Calls.Should().BeEmpty();
    }

    [Theory]
    [InlineData("range=2h", "invalid_range")]
    [InlineData("from=2026-06-01T00:00:00Z", "invalid_range")]
    [InlineData("step=7m", "invalid_step")]
    [InlineData("tz=Mars/Olympus_Mons", "invalid_time_zone")]
    [InlineData("account=not%20valid", "invalid_account")]
    [InlineData("range=1h&kind=bogus", "invalid_kind")]
    public async Task Get_BadInput_Returns400ProblemNamingItAndReadsNothing(string query, string reason)
    {
        await using var app = NewApp("acct-recon-bad");
        var client = await app.CreateUserClientAsync(isOperator: true);

        foreach (var path in new[] { "/api/v1/admin/reconciliation", "/api/v1/admin/reconciliation/export" })
        {
            using var response = await client.GetAsync($"{path}?{query}", Ct);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            problem.GetProperty("reason").GetString().Should().Be(reason);
            problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        }

        app.Usage.Calls.Should().BeEmpty();
    }

    [Theory]
    [InlineData(UsageSourceFailure.Unavailable, HttpStatusCode.ServiceUnavailable, "usage_source_unavailable")]
    [InlineData(UsageSourceFailure.Timeout, HttpStatusCode.ServiceUnavailable, "usage_source_timeout")]
    [InlineData(UsageSourceFailure.Rejected, HttpStatusCode.InternalServerError, "usage_source_rejected")]
    public async Task Get_UsageSourceFails_ReturnsProblemAndNoNumbers(UsageSourceFailure failure, HttpStatusCode status, string reason)
    {
        await using var app = NewApp("acct-recon-failing");
        app.Usage.Add(app.AccountId, [Call("call-lost-x", s_now.AddMinutes(-10))]);
        await AddReceiptsAsync(app, [Receipt(app.AccountId, "chatcmpl-orphan-x", s_now.AddMinutes(-5), 0.5m, "rcpt-lost")]);
        app.Usage.Failure = failure;
        var client = await app.CreateUserClientAsync(isOperator: true);

        foreach (var path in new[] { "/api/v1/admin/reconciliation", "/api/v1/admin/reconciliation/export" })
        {
            using var response = await client.GetAsync($"{path}?range=24h", Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);

            response.StatusCode.Should().Be(status);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            response.Content.Headers.ContentDisposition.Should().BeNull();
            JsonDocument.Parse(body).RootElement.GetProperty("reason").GetString().Should().Be(reason);
            body.Should().NotContain("rcpt-lost").And.NotContain("findings").And.NotContain("# ");
        }
    }

    [Fact]
    public async Task Export_OneAccount_WritesHeaderFindingsBucketsAndMarkup()
    {
        await using var app = NewApp("acct-recon-csv-op");
        const string Customer = "acct-recon-csv";
        app.Usage.Add(Customer,
        [
            Call("=HYPERLINK(\"http://evil\")", s_now.AddMinutes(-50), providerCost: 0.01m, model: "gpt, \"quoted\""),
            Call("call-billed-csv", s_now.AddMinutes(-20), providerCost: 0.001m),
        ]);
        await AddReceiptsAsync(app,
        [
            Receipt(Customer, "call-billed-csv", s_now.AddMinutes(-19), 0.0012m, "rcpt-billed"),
            Receipt(Customer, "chatcmpl-nothing", s_now.AddMinutes(-5), 0.000123m, "rcpt-orphan-csv"),
        ]);
        var client = await app.CreateUserClientAsync(isOperator: true);

        using var response = await client.GetAsync(
            $"/api/v1/admin/reconciliation/export?from=2026-07-14T11:00:00Z&to=2026-07-14T12:00:00Z&range=1h&step=15m&tz=Europe/Berlin&account={Customer}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/csv; charset=utf-8");
        response.Content.Headers.ContentDisposition!.ToString().Should().Be(
            "attachment; filename=\"reconciliation-acct-recon-csv-20260714T110000Z-20260714T120000Z.csv\"");
        var records = CsvDocument.ParseRecords(text);
        var comments = records.TakeWhile(r => r[0] != "# findings").Select(r => r.Should().ContainSingle().Subject).ToList();
        comments.Should().Equal(
            "# ActivityDashboard reconciliation export",
            "# account: acct-recon-csv",
            "# accounts: acct-recon-csv",
            "# from: 2026-07-14T11:00:00Z",
            "# to: 2026-07-14T12:00:00Z",
            "# preset: 1h",
            "# zone: Europe/Berlin",
            "# step: 15m",
            "# markup: 1.2",
            "# tolerance: 0.000001",
            "# kind: all");
        var findings = Section(records, "# findings", "# buckets");
        findings[0].Should().Equal("kind", "account", "time", "time_utc", "call_id", "model", "billed", "provider_cost", "expected", "difference", "receipts");
        findings.Should().HaveCount(3, "a header and two findings, newest first");
        findings[1].Should().Equal(
            "orphan_receipt", Customer, "2026-07-14T13:55:00+02:00", "2026-07-14T11:55:00Z", "chatcmpl-nothing", "", "0.000123", "", "", "", "rcpt-orphan-csv");
        findings[2].Should().Equal(
            "unbilled_call", Customer, "2026-07-14T13:10:00+02:00", "2026-07-14T11:10:00Z", "'=HYPERLINK(\"http://evil\")", "gpt, \"quoted\"", "", "0.01", "0.012", "", "");
        var buckets = Section(records, "# buckets", "# markup");
        buckets.Should().HaveCount(5, "a header and four quarter hours");
        buckets[1].Should().Equal("2026-07-14T13:00:00+02:00", "2026-07-14T13:15:00+02:00", "false", "1", "0", "0.01", "1", "0.01", "0", "0", "0", "0");
        buckets.Skip(1).Sum(b => decimal.Parse(b[4], CultureInfo.InvariantCulture)).Should().Be(0.001323m, "billed 0.0012 plus the orphan's 0.000123, exactly");
        var markup = Section(records, "# markup", null);
        markup[0].Should().Equal("bin", "from", "to", "calls");
        markup.Should().ContainSingle(b => b[0] == "1.2").Which.Should().Equal("1.2", "1.15", "1.25", "1");
        markup[^1].Should().Equal("no provider cost", "", "", "0");
    }

    [Fact]
    public async Task Export_KindGiven_WritesOnlyThatKindAndSaysSo()
    {
        await using var app = NewApp("acct-recon-kind-op");
        const string Customer = "acct-recon-kind";
        app.Usage.Add(Customer,
        [
            Call("call-unbilled-one", s_now.AddMinutes(-50), providerCost: 0.01m),
            Call("call-unbilled-two", s_now.AddMinutes(-40), providerCost: 0.02m),
            Call("call-overbilled-kind", s_now.AddMinutes(-30), providerCost: 0.01m),
        ]);
        await AddReceiptsAsync(app,
        [
            Receipt(Customer, "call-overbilled-kind", s_now.AddMinutes(-29), 0.05m, "rcpt-over-kind"),
            Receipt(Customer, "chatcmpl-orphan-kind", s_now.AddMinutes(-5), 0.03m, "rcpt-orphan-kind"),
        ]);
        var client = await app.CreateUserClientAsync(isOperator: true);

        var json = await ApiJson.GetOkAsync(client, $"/api/v1/admin/reconciliation?range=1h&account={Customer}&kind=unbilled_call");
        // Names match in any case, as metric= and groupBy= do; the file names the kind as the API spells it.
        using var response = await client.GetAsync($"/api/v1/admin/reconciliation/export?range=1h&account={Customer}&kind=UNBILLED_CALL", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        json.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("callId").GetString())
            .Should().Equal("call-unbilled-two", "call-unbilled-one");
        json.GetProperty("totals").GetProperty("orphanReceipts").GetInt32().Should().Be(1, "the totals stay whole; only the list is filtered");
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        var records = CsvDocument.ParseRecords(text);
        records.Select(r => r[0]).Should().Contain("# kind: unbilled_call");
        Section(records, "# findings", "# buckets").Skip(1).Select(f => (f[0], f[4]))
            .Should().Equal(("unbilled_call", "call-unbilled-two"), ("unbilled_call", "call-unbilled-one"));
    }

    [Fact]
    public async Task Export_NonOperator_Returns403AndNoFile()
    {
        await using var app = NewApp("acct-recon-csv-user");

        using var response = await (await app.CreateUserClientAsync()).GetAsync("/api/v1/admin/reconciliation/export?range=1h", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentDisposition.Should().BeNull();
        app.Usage.Calls.Should().BeEmpty();
    }

    private static List<IReadOnlyList<string>> Section(List<IReadOnlyList<string>> records, string start, string? end)
    {
        var from = records.FindIndex(r => r.Count == 1 && r[0] == start);
        var to = end is null ? records.Count : records.FindIndex(r => r.Count == 1 && r[0] == end);
        from.Should().BeGreaterThan(0, $"the export has a '{start}' section");

        return records.Skip(from + 1).Take(to - from - 1).ToList();
    }

    private ActivityAppFactory NewApp(string accountId) => new(database.ConnectionString, s_now, accountId);

    private static async Task AddReceiptsAsync(ActivityAppFactory app, IReadOnlyCollection<ChargeReceipt> receipts) =>
        await app.Services.GetRequiredService<IChargeReceiptStore>().AddAsync(receipts, Ct);

    private static UsageEvent Call(
        string id,
        DateTimeOffset start,
        decimal providerCost = 0.01m,
        string model = "gpt-4o-mini-2024-07-18",
        UsageStatus status = UsageStatus.Success) =>
        TestData.UsageEvent(callId: id, at: start, spend: providerCost, model: model, status: status);

    private static ChargeReceipt Receipt(string accountId, string? callId, DateTimeOffset createdAt, decimal usd, string reference)
    {
        var receipt = TestData.ChargeReceipt(accountId: accountId, callId: callId, createdAt: createdAt, responseCostUsd: usd);
        receipt.SourceReference = reference;

        return receipt;
    }
}
