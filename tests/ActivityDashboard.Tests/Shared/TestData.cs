using ActivityDashboard.Core.Activity;

namespace ActivityDashboard.Tests.Shared;

/// <summary>Test data factories: every argument is optional and defaults to a valid value.</summary>
public static partial class TestData
{
    /// <summary>The default start of a call: 2026-09-18T10:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 9, 18, 10, 0, 0, TimeSpan.Zero);

    private static int s_nextCallId;

    /// <summary>
    /// A successful gpt-4o-mini call. Without <paramref name="callId"/> each call gets a fresh <c>chatcmpl-test-N</c>
    /// id; pass <c>""</c> for an empty id. End and first-token times follow <paramref name="at"/> unless given.
    /// Times are whole milliseconds, as LiteLLM stores them.
    /// </summary>
    public static UsageEvent UsageEvent(
        string? callId = null,
        DateTimeOffset? at = null,
        DateTimeOffset? endTime = null,
        DateTimeOffset? completionStartTime = null,
        string model = "gpt-4o-mini-2024-07-18",
        string provider = "openai",
        long tokensIn = 860,
        long tokensOut = 140,
        decimal spend = 0.000213m,
        UsageStatus status = UsageStatus.Success,
        long? durationMs = 1814)
    {
        var start = at ?? DefaultStart;

        return new UsageEvent(
            callId ?? $"chatcmpl-test-{Interlocked.Increment(ref s_nextCallId)}",
            start,
            endTime ?? start.AddMilliseconds(durationMs ?? 1814),
            completionStartTime ?? start.AddMilliseconds(585),
            model,
            provider,
            tokensIn,
            tokensOut,
            spend,
            status,
            durationMs);
    }
}
