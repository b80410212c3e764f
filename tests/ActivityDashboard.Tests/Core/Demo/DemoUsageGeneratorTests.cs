using System.Globalization;
using System.Text.RegularExpressions;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Demo;

namespace ActivityDashboard.Tests.Core.Demo;

public sealed partial class DemoUsageGeneratorTests
{
    private const decimal Markup = 1.2m;
    private const long CreditsPerUsd = 10_000_000;

    // A Monday at midnight UTC, so whole days and weeks line up.
    private static readonly DateTimeOffset s_monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static readonly DemoUsageGenerator s_generator = new(Markup, CreditsPerUsd);

    private static readonly string[] s_pinnedCalls =
    [
        "chatcmpl-6ef8f671c774412914d6ce38 mistral-large 2160/1209 39045",
        "chatcmpl-43d311f2db039b2b88a1af42 gpt-4o-mini 1962/192 2760",
        "chatcmpl-5865bf94ac9e849948403421 claude-3-5-haiku 393/197 3205",
        "chatcmpl-29b4e8160f17d6f9b7a324cb claude-3-5-haiku 689/89 1498",
    ];

    // Thirty days per account are generated once and shared by the statistical tests.
    private static readonly Lazy<IReadOnlyDictionary<string, DemoUsage>> s_month = new(() =>
        DemoUsageGenerator.AccountIds.ToDictionary(a => a, a => s_generator.Generate(a, s_monday, s_monday.AddDays(30))));

    [Fact]
    public void Generate_SameWindowFromTwoGenerators_GivesIdenticalData()
    {
        var from = s_monday.AddHours(9);
        var to = from.AddHours(6);

        var first = new DemoUsageGenerator(Markup, CreditsPerUsd).Generate("globex", from, to);
        var second = new DemoUsageGenerator(Markup, CreditsPerUsd).Generate("globex", from, to);

        first.Events.Should().NotBeEmpty().And.Equal(second.Events);
        first.Receipts.Should().BeEquivalentTo(second.Receipts, o => o.WithStrictOrdering());
        first.Anomalies.Should().Equal(second.Anomalies);
    }

    [Fact]
    public void Generate_FixedWindow_GivesTheSameDataInEveryProcess()
    {
        // Pinned values: a seed built from string.GetHashCode, or any change to the draws or ids, would change them.
        var usage = s_generator.Generate("acme-corp", s_monday.AddHours(15), s_monday.AddHours(15).AddMinutes(5));

        usage.Events
            .Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.CallId} {e.Model} {e.TokensIn}/{e.TokensOut} {e.DurationMs}"))
            .Should().Equal(s_pinnedCalls);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Generate_WindowCutAnywhere_PartsAddUpToTheWhole(int cut)
    {
        // Arrange: cut points on, just off and far off the 5-minute grid.
        var a = s_monday.AddDays(3).AddHours(7);
        var c = a.AddHours(30);
        var b = cut switch
        {
            0 => a.AddHours(12),
            1 => a.AddHours(12).AddTicks(1),
            _ => a.AddHours(3).AddMinutes(17).AddSeconds(13.5),
        };

        // Act
        var whole = s_generator.Generate("initech", a, c);
        var left = s_generator.Generate("initech", a, b);
        var right = s_generator.Generate("initech", b, c);

        // Assert
        left.Events.Concat(right.Events).Should().Equal(whole.Events);
        left.Receipts.Concat(right.Receipts).Should().BeEquivalentTo(whole.Receipts, o => o.WithStrictOrdering());
        left.Anomalies.Concat(right.Anomalies).Should().Equal(whole.Anomalies);
    }

    [Fact]
    public void Generate_ThirtyDays_EveryAccountHasRealisticDailyVolumes()
    {
        foreach (var (account, usage) in s_month.Value)
        {
            var perDay = usage.Events.GroupBy(e => e.StartTime.UtcDateTime.Date).Select(g => g.Count()).ToList();

            perDay.Should().HaveCount(30, account);
            perDay.Should().OnlyContain(n => n >= 150 && n <= 750, account);
        }
    }

    [Fact]
    public void Generate_ThirtyDays_FollowsADailyAndWeeklyCycle()
    {
        var events = s_month.Value["acme-corp"].Events;

        var weekday = events.Count(e => e.StartTime.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) / 22.0;
        var weekend = events.Count(e => e.StartTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) / 8.0;
        var peakHour = events.Count(e => e.StartTime.Hour == 15);
        var nightHour = events.Count(e => e.StartTime.Hour == 3);

        weekend.Should().BeLessThan(weekday * 0.75);
        peakHour.Should().BeGreaterThan(nightHour * 3);
    }

    [Fact]
    public void Generate_ThirtyDays_RatesOfFailuresStreamingAndFaultsWithinBands()
    {
        // Arrange
        var all = s_month.Value.Values.ToList();
        var events = all.SelectMany(u => u.Events).ToList();
        var receipts = all.SelectMany(u => u.Receipts).ToList();
        var anomalies = all.SelectMany(u => u.Anomalies).ToList();
        var successes = events.Count(e => e.Status == UsageStatus.Success);

        // Act
        var failureRate = Share(events.Count(e => e.Status == UsageStatus.Failure), events.Count);
        var streamingRate = Share(events.Count(e => e.CompletionStartTime < e.EndTime), successes);
        var missingRate = Share(anomalies.Count(a => a.Kind == DemoAnomalyKind.MissingReceipt), successes);
        var mismatchRate = Share(anomalies.Count(a => a.Kind == DemoAnomalyKind.AmountMismatch), receipts.Count);
        var orphansPerAccountDay = anomalies.Count(a => a.Kind == DemoAnomalyKind.OrphanReceipt) / (30.0 * all.Count);
        var creditsOnlyRate = Share(receipts.Count(r => r.ResponseCostUsd is null), receipts.Count);

        // Assert
        failureRate.Should().BeInRange(0.015, 0.025);
        streamingRate.Should().BeInRange(0.55, 0.65);
        missingRate.Should().BeInRange(0.02, 0.04);
        mismatchRate.Should().BeInRange(0.002, 0.01);
        orphansPerAccountDay.Should().BeInRange(2, 7);
        creditsOnlyRate.Should().BeInRange(0.1, 0.3);
    }

    [Fact]
    public void Generate_ThirtyDays_UsesEveryModelWithItsProvider()
    {
        var pairs = s_month.Value.Values.SelectMany(u => u.Events).Select(e => (e.Model, e.Provider)).Distinct().ToList();

        pairs.Should().BeEquivalentTo(
        [
            ("gpt-4o-mini", "openai"),
            ("gpt-4o", "openai"),
            ("claude-3-5-sonnet", "anthropic"),
            ("claude-3-5-haiku", "anthropic"),
            ("gemini-1.5-flash", "vertex_ai"),
            ("mistral-large", "mistral"),
        ]);
    }

    [Fact]
    public void Generate_Calls_HaveConsistentIdsTimesTokensAndCosts()
    {
        var events = s_month.Value["globex"].Events;

        events.Select(e => e.CallId).Should().OnlyHaveUniqueItems().And.OnlyContain(id => CallIdPattern().IsMatch(id));
        events.Should().BeInAscendingOrder(e => e.StartTime);
        events.Should().OnlyContain(e => e.EndTime > e.StartTime && e.EndTime - e.StartTime <= DemoUsageGenerator.MaxCallDuration);
        events.Should().OnlyContain(e => e.DurationMs == (long)(e.EndTime!.Value - e.StartTime).TotalMilliseconds);
        events.Where(e => e.Status == UsageStatus.Success).Should().OnlyContain(e =>
            e.CompletionStartTime > e.StartTime && e.CompletionStartTime <= e.EndTime && e.TokensIn > 0 && e.TokensOut > 0
            && e.ProviderCost > 0);
        events.Where(e => e.Status == UsageStatus.Failure).Should().OnlyContain(e =>
            e.TokensIn == 0 && e.TokensOut == 0 && e.ProviderCost == 0 && e.CompletionStartTime == null);
    }

    [Fact]
    public void Generate_Receipts_BillCostTimesMarkupExceptTheMarkedMismatches()
    {
        // Arrange
        var usage = s_month.Value["acme-corp"];
        var calls = usage.Events.ToDictionary(e => e.CallId);
        var mismatched = usage.Anomalies.Where(a => a.Kind == DemoAnomalyKind.AmountMismatch).Select(a => a.CallId).ToHashSet();
        var boundary = s_monday.AddDays(30).Add(-DemoUsageGenerator.Lookback);

        // Act: bill per call (an adjusted call has two receipts), for calls whose receipts all fall in the window.
        var billedPerCall = usage.Receipts
            .Where(r => r.LitellmCallId is not null && calls.ContainsKey(r.LitellmCallId) && calls[r.LitellmCallId].StartTime < boundary)
            .GroupBy(r => r.LitellmCallId!)
            .Select(g => (Call: calls[g.Key], Billed: g.Sum(r => r.ResponseCostUsd ?? (decimal)r.ChargedCredits / CreditsPerUsd)))
            .ToList();

        // Assert: exact for USD amounts; credits-only amounts are exact to one credit.
        billedPerCall.Should().NotBeEmpty();
        var halfCredit = 0.5m / CreditsPerUsd;
        billedPerCall.Where(b => !mismatched.Contains(b.Call.CallId))
            .Should().OnlyContain(b => Math.Abs(b.Billed - (b.Call.ProviderCost * Markup)) <= halfCredit);
        billedPerCall.Where(b => mismatched.Contains(b.Call.CallId))
            .Should().NotBeEmpty().And.OnlyContain(b => Math.Abs(b.Billed - (b.Call.ProviderCost * Markup)) > halfCredit);
    }

    [Fact]
    public void Generate_Receipts_AreWrittenAfterTheirCallAndCarryTheDemoKey()
    {
        var usage = s_month.Value["initech"];
        var calls = usage.Events.ToDictionary(e => e.CallId);

        var joined = usage.Receipts.Where(r => r.LitellmCallId is not null && calls.ContainsKey(r.LitellmCallId)).ToList();

        joined.Should().OnlyContain(r => r.CreatedAt >= calls[r.LitellmCallId!].EndTime!.Value.AddSeconds(1)
            && r.CreatedAt <= calls[r.LitellmCallId!].EndTime!.Value.AddSeconds(91));
        joined.GroupBy(r => r.LitellmCallId).Select(g => g.Min(r => r.CreatedAt - calls[g.Key!].EndTime!.Value))
            .Should().OnlyContain(delay => delay <= TimeSpan.FromSeconds(30));
        usage.Receipts.Should().OnlyContain(r => r.SourceSystem == DemoUsageGenerator.SourceSystem && r.BillingAccountId == "initech");
        usage.Receipts.Select(r => r.SourceReference).Should().OnlyHaveUniqueItems();
        usage.Receipts.Select(r => r.Id).Should().OnlyHaveUniqueItems();
        usage.Receipts.Should().OnlyContain(r => r.ChargedCredits >= 0 && r.CreatedAt.Offset == TimeSpan.Zero);
        usage.Receipts.GroupBy(r => r.RequestId).Should().Contain(g => g.Count() > 1, "agent runs share one request id");
    }

    [Fact]
    public void Generate_Anomalies_PointAtWhatIsReallyThere()
    {
        var usage = s_month.Value["globex"];
        var callIds = usage.Events.Select(e => e.CallId).ToHashSet();
        var receiptCallIds = usage.Receipts.Select(r => r.LitellmCallId).ToHashSet();
        var references = usage.Receipts.Select(r => r.SourceReference).ToHashSet();

        var missing = usage.Anomalies.Where(a => a.Kind == DemoAnomalyKind.MissingReceipt).ToList();
        var orphans = usage.Anomalies.Where(a => a.Kind == DemoAnomalyKind.OrphanReceipt).ToList();

        missing.Should().NotBeEmpty().And.OnlyContain(a => callIds.Contains(a.CallId!) && !receiptCallIds.Contains(a.CallId));
        orphans.Should().NotBeEmpty().And.OnlyContain(a => references.Contains(a.SourceReference!)
            && (a.CallId == null || !callIds.Contains(a.CallId)));
        orphans.Should().Contain(a => a.CallId == null).And.Contain(a => a.CallId != null);
    }

    [Fact]
    public void Generate_AnotherMarkup_BillsWithThatMarkup()
    {
        var generator = new DemoUsageGenerator(1.5m, CreditsPerUsd);

        var usage = generator.Generate("acme-corp", s_monday.AddHours(14), s_monday.AddHours(16));
        var calls = usage.Events.ToDictionary(e => e.CallId);
        var mismatched = usage.Anomalies.Select(a => a.CallId).ToHashSet();

        usage.Receipts
            .Where(r => r.ResponseCostUsd is not null && r.LitellmCallId is not null && calls.ContainsKey(r.LitellmCallId)
                && !mismatched.Contains(r.LitellmCallId))
            .GroupBy(r => r.LitellmCallId!)
            .Should().NotBeEmpty()
            .And.OnlyContain(g => g.Sum(r => r.ResponseCostUsd!.Value) == calls[g.Key].ProviderCost * 1.5m);
    }

    [Fact]
    public void Generate_UnknownAccount_GetsAGenericButDeterministicHistory()
    {
        var first = s_generator.Generate("hooli", s_monday, s_monday.AddDays(1));
        var second = s_generator.Generate("hooli", s_monday, s_monday.AddDays(1));

        first.Events.Should().HaveCountGreaterThan(150).And.Equal(second.Events);
        first.Receipts.Should().OnlyContain(r => r.BillingAccountId == "hooli");
    }

    private static double Share(int part, int whole) => (double)part / whole;

    [GeneratedRegex("^chatcmpl-[0-9a-f]{24}$")]
    private static partial Regex CallIdPattern();
}
