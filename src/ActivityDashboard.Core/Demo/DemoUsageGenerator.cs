using System.Globalization;
using System.Text;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Receipts;

namespace ActivityDashboard.Core.Demo;

/// <summary>
/// Makes up a realistic, deterministic usage history with matching charge receipts for the demo mode.
/// </summary>
/// <remarks>
/// Time is cut into 5-minute slots; each slot of each account draws from its own <see cref="Random"/>, seeded from a
/// stable hash of the account id and the slot's start. A slot therefore always yields the same calls and receipts, so
/// any window gives the same answer however the time line is cut, and re-seeding writes the same receipts again
/// (which the store skips by their idempotency key). Pure: no clock, no I/O.
/// </remarks>
public sealed partial class DemoUsageGenerator
{
    /// <summary>The <c>source_system</c> of every demo receipt.</summary>
    public const string SourceSystem = "demo";

    /// <summary>The width of one generation slot.</summary>
    public static readonly TimeSpan SlotLength = TimeSpan.FromMinutes(5);

    /// <summary>No demo call lasts longer than this.</summary>
    public static readonly TimeSpan MaxCallDuration = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The longest time from a call's start to the creation of its last receipt (call, receipt delay, adjustment).
    /// </summary>
    public static readonly TimeSpan Lookback = MaxCallDuration + TimeSpan.FromMinutes(2);

    private const double FailureRate = 0.02;
    private const double StreamingRate = 0.6;
    private const double MissingReceiptRate = 0.03;
    private const double MismatchRate = 0.005;
    private const double AdjustmentRate = 0.01;
    private const double CreditsOnlyRate = 0.2;
    private const double SameRunRate = 0.3;
    private const double OrphansPerDay = 4;
    private const double WeekendFactor = 0.6;

    private readonly decimal _markup;
    private readonly long _creditsPerUsd;

    /// <param name="markup">Billed amount over provider cost (1.2 means +20%), as <c>Billing:Markup</c>.</param>
    /// <param name="creditsPerUsd">Credits per US dollar, as <c>Billing:CreditsPerUsd</c>.</param>
    public DemoUsageGenerator(decimal markup, long creditsPerUsd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(markup);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(creditsPerUsd);
        _markup = markup;
        _creditsPerUsd = creditsPerUsd;
    }

    /// <summary>The demo's billing accounts; each has a demo user, and the demo operator belongs to the first.</summary>
    public static IReadOnlyList<string> AccountIds { get; } = ["acme-corp", "globex", "initech"];

    /// <summary>
    /// The calls of <paramref name="accountId"/> that start in <c>[<paramref name="from"/>, <paramref name="to"/>)</c>
    /// and the receipts created in that window, with the deliberate faults among them. Any account id works; the demo
    /// accounts have their own traffic profiles, others get a generic one.
    /// </summary>
    public DemoUsage Generate(string accountId, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The window end must not be before its start.");
        }

        var fromUtc = from.ToUniversalTime();
        var toUtc = to.ToUniversalTime();
        var profile = AccountProfile.For(accountId);
        var events = new List<UsageEvent>();
        var receipts = new List<ChargeReceipt>();
        var anomalies = new List<DemoAnomaly>();

        // Receipts are written up to Lookback after their call starts, so the slots behind the window are walked too.
        for (var slot = FloorToSlot(fromUtc - Lookback); slot < toUtc; slot += SlotLength)
        {
            var generated = GenerateSlot(accountId, profile, slot);
            events.AddRange(generated.Events.Where(e => e.StartTime >= fromUtc && e.StartTime < toUtc));
            receipts.AddRange(generated.Receipts.Where(r => r.CreatedAt >= fromUtc && r.CreatedAt < toUtc));
            anomalies.AddRange(generated.Anomalies.Where(a => a.At >= fromUtc && a.At < toUtc));
        }

        return new DemoUsage(
            events,
            [.. receipts.OrderBy(r => r.CreatedAt).ThenBy(r => r.SourceReference, StringComparer.Ordinal)],
            [.. anomalies.OrderBy(a => a.At)]);
    }

    private DemoUsage GenerateSlot(string accountId, AccountProfile profile, DateTimeOffset slotStart)
    {
        var random = new Random(Seed(accountId, slotStart));
        var events = new List<UsageEvent>();
        var receipts = new List<ChargeReceipt>();
        var anomalies = new List<DemoAnomaly>();
        var expectedCalls = profile.CallsPerDay / (TimeSpan.FromDays(1) / SlotLength) * profile.Intensity(slotStart)
            * (slotStart.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? WeekendFactor : 1);
        var offsets = Enumerable.Range(0, Poisson(random, expectedCalls))
            .Select(_ => random.Next(0, (int)SlotLength.TotalMilliseconds))
            .Order()
            .ToList();
        var ids = new SlotIdentities(accountId, slotStart);
        var runId = ids.RunId();

        foreach (var offset in offsets)
        {
            var call = NewCall(random, profile.PickModel(random), slotStart.AddMilliseconds(offset), ids.CallId());
            events.Add(call);
            runId = random.NextDouble() < SameRunRate ? runId : ids.RunId();
            if (call.Status == UsageStatus.Failure)
            {
                // Failed calls are not billed; that is not an anomaly.
                continue;
            }

            if (random.NextDouble() < MissingReceiptRate)
            {
                anomalies.Add(new DemoAnomaly(DemoAnomalyKind.MissingReceipt, accountId, call.CallId, null, call.StartTime));

                continue;
            }

            var billed = Math.Round(call.ProviderCost * _markup, 10, MidpointRounding.AwayFromZero);
            var mismatch = random.NextDouble() < MismatchRate;
            if (mismatch)
            {
                billed = MismatchedAmount(random, billed);
            }

            var createdAt = call.EndTime!.Value.AddMilliseconds(random.Next(1_000, 30_001));
            var creditsOnly = random.NextDouble() < CreditsOnlyRate;
            if (!mismatch && random.NextDouble() < AdjustmentRate)
            {
                // A first charge and a later adjustment that together make the right amount (spec section 4.6).
                var first = Math.Round(billed * 0.7m, 10, MidpointRounding.AwayFromZero);
                receipts.Add(NewReceipt(accountId, slotStart, receipts.Count, runId, call.CallId, first, createdAt, creditsOnly: false));
                receipts.Add(NewReceipt(
                    accountId,
                    slotStart,
                    receipts.Count,
                    runId,
                    call.CallId,
                    billed - first,
                    createdAt.AddMilliseconds(random.Next(5_000, 60_001)),
                    creditsOnly: false));

                continue;
            }

            var receipt = NewReceipt(accountId, slotStart, receipts.Count, runId, call.CallId, billed, createdAt, creditsOnly);
            receipts.Add(receipt);
            if (mismatch)
            {
                anomalies.Add(new DemoAnomaly(DemoAnomalyKind.AmountMismatch, accountId, call.CallId, receipt.SourceReference, createdAt));
            }
        }

        if (random.NextDouble() < OrphansPerDay / (TimeSpan.FromDays(1) / SlotLength))
        {
            // A receipt for a call the gateway never logged; one in four carries no call id at all.
            var callId = random.NextDouble() < 0.25 ? null : ids.CallId();
            var amount = random.Next(500, 50_501) / 1_000_000m;
            var orphan = NewReceipt(
                accountId,
                slotStart,
                receipts.Count,
                ids.RunId(),
                callId,
                amount,
                slotStart.AddMilliseconds(random.Next(0, (int)SlotLength.TotalMilliseconds)),
                creditsOnly: false);
            receipts.Add(orphan);
            anomalies.Add(new DemoAnomaly(DemoAnomalyKind.OrphanReceipt, accountId, callId, orphan.SourceReference, orphan.CreatedAt));
        }

        return new DemoUsage(events, receipts, anomalies);
    }

    private static UsageEvent NewCall(Random random, DemoModel model, DateTimeOffset start, string callId)
    {
        if (random.NextDouble() < FailureRate)
        {
            // Rate limits and provider errors come back fast; one in ten failures is a slow timeout.
            var failedAfter = random.NextDouble() < 0.1 ? random.Next(30_000, 60_001) : random.Next(80, 4_001);
            var failedAt = start.AddMilliseconds(failedAfter);

            return new UsageEvent(callId, start, failedAt, null, model.Name, model.Provider, 0, 0, 0m, UsageStatus.Failure, failedAfter);
        }

        var tokensIn = LogNormal(random, median: 900, sigma: 0.9, min: 20, max: 30_000);
        var tokensOut = LogNormal(random, median: 280, sigma: 0.8, min: 5, max: 4_000);
        var firstTokenMs = (int)(model.FirstTokenMs * (0.6 + random.NextDouble()));
        var tokensPerSecond = model.TokensPerSecond * (0.7 + (random.NextDouble() * 0.6));
        var durationMs = (long)Math.Min(
            firstTokenMs + (tokensOut / tokensPerSecond * 1000),
            MaxCallDuration.TotalMilliseconds - 1_000);
        var end = start.AddMilliseconds(durationMs);
        var streaming = random.NextDouble() < StreamingRate;
        var completionStart = streaming ? start.AddMilliseconds(Math.Min(firstTokenMs, durationMs - 1)) : end;
        var cost = ((tokensIn * model.UsdPerMillionIn) + (tokensOut * model.UsdPerMillionOut)) / 1_000_000m;

        return new UsageEvent(
            callId,
            start,
            end,
            completionStart,
            model.Name,
            model.Provider,
            tokensIn,
            tokensOut,
            cost,
            UsageStatus.Success,
            durationMs);
    }

    private ChargeReceipt NewReceipt(
        string accountId,
        DateTimeOffset slotStart,
        int index,
        string runId,
        string? callId,
        decimal billedUsd,
        DateTimeOffset createdAt,
        bool creditsOnly)
    {
        var sourceReference = string.Create(
            CultureInfo.InvariantCulture,
            $"{accountId}/{slotStart:yyyyMMdd'T'HHmm'Z'}/{index}");

        return new ChargeReceipt
        {
            Id = SlotIdentities.ReceiptId(sourceReference),
            BillingAccountId = accountId,
            RequestId = runId,
            LitellmCallId = callId,
            ChargedCredits = (long)Math.Round(billedUsd * _creditsPerUsd, 0, MidpointRounding.AwayFromZero),
            ResponseCostUsd = creditsOnly ? null : billedUsd,
            Provenance = creditsOnly ? "usage_event" : "response_header",
            SourceSystem = SourceSystem,
            SourceReference = sourceReference,
            CreatedAt = createdAt,
        };
    }

    private static decimal MismatchedAmount(Random random, decimal billed)
    {
        return random.Next(0, 4) switch
        {
            0 => billed * 2,
            1 => Math.Round(billed / 2, 10, MidpointRounding.AwayFromZero),
            2 => billed + 0.01m,
            _ => Math.Round(billed / 1.2m * 1.5m, 10, MidpointRounding.AwayFromZero),
        };
    }

    private static DateTimeOffset FloorToSlot(DateTimeOffset instant)
    {
        return new DateTimeOffset(instant.UtcTicks - (instant.UtcTicks % SlotLength.Ticks), TimeSpan.Zero);
    }

    /// <summary>FNV-1a over the account id and the slot's ticks: stable across processes, unlike string.GetHashCode.</summary>
    private static int Seed(string accountId, DateTimeOffset slotStart)
    {
        const ulong OffsetBasis = 14695981039346656037;
        const ulong Prime = 1099511628211;
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(accountId))
        {
            hash = (hash ^ b) * Prime;
        }

        var ticks = (ulong)slotStart.UtcTicks;
        for (var shift = 0; shift < 64; shift += 8)
        {
            hash = (hash ^ ((ticks >> shift) & 0xFF)) * Prime;
        }

        return (int)(hash ^ (hash >> 32));
    }

    private static int Poisson(Random random, double mean)
    {
        // Knuth's method: fine for the small per-slot means here (under 10).
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

    private static long LogNormal(Random random, double median, double sigma, long min, long max)
    {
        // Box–Muller for a standard normal draw; 1 - NextDouble() keeps the logarithm away from zero.
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

        return Math.Clamp((long)Math.Round(median * Math.Exp(sigma * normal)), min, max);
    }
}
