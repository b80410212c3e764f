using System.Globalization;
using ActivityDashboard.Core.Activity;
using ActivityDashboard.Core.Receipts;

namespace ActivityDashboard.Benchmarks;

/// <summary>Calls spread over the window and its previous period, each with a receipt, plus 1% orphan receipts.</summary>
internal sealed class SyntheticData
{
    private static readonly string[] s_models =
    [
        "gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "claude-haiku-4", "gemini-2.5-pro", "gemini-2.5-flash", "llama-3.3-70b",
        "mistral-large",
    ];

    private SyntheticData(List<UsageEvent> calls, List<ReceiptRecord> receipts)
    {
        Calls = calls;
        Receipts = receipts;
    }

    public IReadOnlyList<UsageEvent> Calls { get; }

    public IReadOnlyList<ReceiptRecord> Receipts { get; }

    public static SyntheticData Create(int count, ActivityQuery query)
    {
        var random = new Random(20260331);
        var length = query.To - query.From;
        var start = query.From - length;
        var spacingTicks = (query.To - start).Ticks / count;
        var calls = new List<UsageEvent>(count);
        var receipts = new List<ReceiptRecord>(count + (count / 100));
        for (var i = 0; i < count; i++)
        {
            // Ascending start times with jitter, the order the port returns.
            var startTime = start.AddTicks((i * spacingTicks) + random.NextInt64(spacingTicks));
            var model = s_models[random.Next(s_models.Length)];
            var tokensIn = random.Next(20, 4_000);
            var tokensOut = random.Next(1, 1_500);
            var providerCost = decimal.Round(tokensIn * 0.0000025m + tokensOut * 0.00001m, 10);
            var callId = "chatcmpl-" + i.ToString("x8", CultureInfo.InvariantCulture);
            var end = startTime.AddMilliseconds(random.Next(200, 30_000));
            calls.Add(new UsageEvent(
                callId,
                startTime,
                end,
                startTime.AddMilliseconds(150),
                model,
                "provider-" + model[..3],
                tokensIn,
                tokensOut,
                providerCost,
                UsageStatus.Success,
                (long)(end - startTime).TotalMilliseconds));
            receipts.Add(new ReceiptRecord(callId, end.AddSeconds(random.Next(1, 600)), 0, providerCost * 1.2m));
            if (i % 100 == 0)
            {
                receipts.Add(new ReceiptRecord("lost-" + callId, startTime, 12_345, null));
            }
        }

        return new SyntheticData(calls, receipts);
    }
}
