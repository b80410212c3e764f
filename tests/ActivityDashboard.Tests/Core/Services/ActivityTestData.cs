using System.Globalization;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Receipts;
using ActivityDashboard.Core.Services;
using NodaTime;

namespace ActivityDashboard.Tests.Core.Services;

/// <summary>Factories for calls, receipts and queries with valid defaults, and the calculator run as the service runs it.</summary>
internal static class ActivityTestData
{
    public const long CreditsPerUsd = 10_000_000;

    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);

    public static DateTimeOffset At(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static UsageEvent Call(
        string callId,
        string start,
        string model = "gpt-4o",
        string provider = "openai",
        long tokensIn = 10,
        long tokensOut = 5,
        decimal providerCost = 0m,
        string? end = null,
        string? firstToken = null,
        UsageStatus status = UsageStatus.Success,
        long? durationMs = null) => new(
            callId,
            At(start),
            end is null ? null : At(end),
            firstToken is null ? null : At(firstToken),
            model,
            provider,
            tokensIn,
            tokensOut,
            providerCost,
            status,
            durationMs);

    public static ReceiptRecord Receipt(string? callId, string createdAt, decimal? usd, long credits = 0) =>
        new(callId, At(createdAt), credits, usd);

    /// <summary>A receipt written one second after its call, billing exactly <paramref name="usd"/>.</summary>
    public static ReceiptRecord ReceiptFor(UsageEvent call, decimal usd) =>
        new(call.CallId, call.StartTime.AddSeconds(1), 0, usd);

    public static ActivityQuery Query(
        string from,
        string to,
        BucketStep step,
        string timeZone = "UTC",
        RangePreset? preset = null,
        ActivityGroupBy groupBy = ActivityGroupBy.None,
        int limit = 20,
        int offset = 0) =>
        new("acct-1", At(from).ToUniversalTime(), At(to).ToUniversalTime(), step, timeZone, preset, groupBy, limit, offset);

    /// <summary>
    /// Runs the calculator on exactly what <see cref="ActivityService"/> would fetch for <paramref name="query"/>:
    /// calls over <c>[previous from − grace, to)</c>, receipts over <c>[previous from − grace, to + grace)</c>.
    /// </summary>
    public static ActivityReport Report(
        ActivityQuery query,
        IEnumerable<UsageEvent> calls,
        IEnumerable<ReceiptRecord> receipts)
    {
        var readFrom = query.From - (query.To - query.From) - Grace;
        var fetchedCalls = calls.Where(c => c.StartTime >= readFrom && c.StartTime < query.To).ToList();
        var fetchedReceipts = receipts.Where(r => r.CreatedAt >= readFrom && r.CreatedAt < query.To + Grace).ToList();

        return ActivityCalculator.Calculate(
            query,
            DateTimeZoneProviders.Tzdb[query.TimeZoneId],
            fetchedCalls,
            fetchedReceipts,
            CreditsPerUsd);
    }
}
