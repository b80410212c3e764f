using System.Globalization;
using System.Text.Json;
using ActivityDashboard.Core.Configuration;
using ActivityDashboard.Core.Demo;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Tests.Shared;
using ActivityDashboard.Tests.Shared.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ActivityDashboard.Tests.Endpoints;

/// <summary>
/// Issue 5's "done when": over demo data, the reconciliation finds exactly the faults the demo generator planted, and
/// its numbers are those of <c>/api/v1/activity</c> for the same window. A database of its own, so that the "all
/// accounts" answer holds the demo accounts only.
/// </summary>
public sealed class ReconciliationDemoTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset s_now = new(2026, 10, 27, 9, 40, 0, TimeSpan.Zero);

    // Four days ending well before "now", so every call of the window has ended and been billed by then; it
    // crosses the end of summer time in Berlin (2026-10-25).
    private static readonly DateTimeOffset s_to = new(2026, 10, 27, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_from = s_to.AddDays(-4);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_DemoDataAllAccounts_FindsExactlyThePlantedAnomaliesAndMatchesActivity()
    {
        await using var app = new ActivityAppFactory(database.ConnectionString, s_now, accountId: DemoUsageGenerator.AccountIds[0]);
        var billing = app.Services.GetRequiredService<IOptions<BillingOptions>>().Value;
        var generator = new DemoUsageGenerator(billing.Markup, billing.CreditsPerUsd);
        var seedFrom = s_from - (s_to - s_from) - TimeSpan.FromHours(1);
        foreach (var account in DemoUsageGenerator.AccountIds)
        {
            // As the demo seeder does: the generator's calls into the fake usage source, its receipts into PostgreSQL.
            var (events, receipts) = DemoSeeder.Slice(generator, account, seedFrom, s_now);
            await app.Services.GetRequiredService<IChargeReceiptStore>().AddAsync([.. receipts], Ct);
            app.Usage.Add(account, events);
        }

        var client = await app.CreateUserClientAsync(isOperator: true);
        var window = string.Create(
            CultureInfo.InvariantCulture,
            $"from={s_from.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z&to={s_to.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z&step=6h&tz=Europe/Berlin");

        var all = await ApiJson.GetOkAsync(client, "/api/v1/admin/reconciliation?" + window);

        // The findings are exactly the planted anomalies: call ids and receipt references, kind by kind.
        var expected = DemoUsageGenerator.AccountIds.SelectMany(account => Planted(generator, account)).ToList();
        var found = all.GetProperty("findings").EnumerateArray().Select(f => Key(
            f.GetProperty("kind").GetString()!,
            f.GetProperty("account").GetString()!,
            f.GetProperty("callId").GetString(),
            f.GetProperty("receipts").EnumerateArray().Select(r => r.GetString()!).SingleOrDefault())).ToList();
        expected.Should().Contain(k => k.StartsWith("unbilled_call", StringComparison.Ordinal))
            .And.Contain(k => k.StartsWith("orphan_receipt", StringComparison.Ordinal))
            .And.Contain(k => k.StartsWith("amount_mismatch", StringComparison.Ordinal), "the window holds every kind of planted fault");
        found.Should().BeEquivalentTo(expected, "the reconciliation finds what the demo planted, no more and no less");
        all.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()).Should().Equal(DemoUsageGenerator.AccountIds);

        // The numbers add up with /activity's, bucket by bucket, account by account.
        var buckets = all.GetProperty("buckets").EnumerateArray().ToList();
        var requests = new long[buckets.Count];
        var spend = new decimal[buckets.Count];
        var providerCost = new decimal[buckets.Count];
        foreach (var account in DemoUsageGenerator.AccountIds)
        {
            var activity = await ApiJson.GetOkAsync(client, $"/api/v1/activity?{window}&account={account}");
            var one = await ApiJson.GetOkAsync(client, $"/api/v1/admin/reconciliation?{window}&account={account}");
            var activityBuckets = activity.GetProperty("buckets").EnumerateArray().ToList();
            var oneBuckets = one.GetProperty("buckets").EnumerateArray().ToList();
            activityBuckets.Should().HaveCount(buckets.Count);
            oneBuckets.Should().HaveCount(buckets.Count);
            for (var i = 0; i < buckets.Count; i++)
            {
                var a = activityBuckets[i];
                var counts = oneBuckets[i].GetProperty("counts");
                oneBuckets[i].GetProperty("start").GetDateTimeOffset().Should().Be(a.GetProperty("start").GetDateTimeOffset());
                counts.GetProperty("requests").GetInt64().Should().Be(a.GetProperty("requests").GetInt64());
                counts.GetProperty("spend").GetString().Should().Be(a.GetProperty("spend").GetString());
                counts.GetProperty("providerCost").GetString().Should().Be(a.GetProperty("providerCost").GetString());
                requests[i] += a.GetProperty("requests").GetInt64();
                spend[i] += Money(a.GetProperty("spend"));
                providerCost[i] += Money(a.GetProperty("providerCost"));
            }

            var totals = one.GetProperty("totals");
            totals.GetProperty("spend").GetString().Should().Be(activity.GetProperty("totals").GetProperty("spend").GetString());
            totals.GetProperty("orphanSpend").GetString().Should().Be(activity.GetProperty("orphanReceipts").GetProperty("spend").GetString());
            totals.GetProperty("orphanReceipts").GetInt32().Should().Be(activity.GetProperty("orphanReceipts").GetProperty("count").GetInt32());
        }

        for (var i = 0; i < buckets.Count; i++)
        {
            var counts = buckets[i].GetProperty("counts");
            counts.GetProperty("requests").GetInt64().Should().Be(requests[i]);
            Money(counts.GetProperty("spend")).Should().Be(spend[i]);
            Money(counts.GetProperty("providerCost")).Should().Be(providerCost[i]);
        }

        buckets.Should().Contain(b => b.GetProperty("start").GetDateTimeOffset().Offset == TimeSpan.FromHours(1))
            .And.Contain(b => b.GetProperty("start").GetDateTimeOffset().Offset == TimeSpan.FromHours(2), "the grid is /activity's, in Berlin time");
    }

    // What the generator planted for the window, as the reconciliation places it: a missing receipt and an amount
    // mismatch at their call's start, an orphan at its receipt's creation.
    private static IEnumerable<string> Planted(DemoUsageGenerator generator, string account)
    {
        var generated = generator.Generate(account, s_from - DemoUsageGenerator.Lookback, s_to + DemoUsageGenerator.Lookback);
        var startOf = generated.Events.ToDictionary(e => e.CallId, e => e.StartTime, StringComparer.Ordinal);
        foreach (var anomaly in generated.Anomalies)
        {
            var at = anomaly.Kind == DemoAnomalyKind.OrphanReceipt ? anomaly.At : startOf[anomaly.CallId!];
            if (at < s_from || at >= s_to)
            {
                continue;
            }

            var kind = anomaly.Kind switch
            {
                DemoAnomalyKind.MissingReceipt => "unbilled_call",
                DemoAnomalyKind.OrphanReceipt => "orphan_receipt",
                _ => "amount_mismatch",
            };

            yield return Key(kind, anomaly.AccountId, anomaly.CallId, anomaly.SourceReference);
        }
    }

    private static string Key(string kind, string account, string? callId, string? receipt) =>
        $"{kind} {account} {callId ?? "(no call id)"} {receipt ?? "(no receipt)"}";

    private static decimal Money(JsonElement value) => decimal.Parse(value.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);
}
