using ActivityDashboard.Core.Receipts;

namespace ActivityDashboard.Tests.Shared;

public static partial class TestData
{
    private static int s_nextReceipt;

    /// <summary>
    /// A receipt for <paramref name="callId"/>, written one second after <see cref="DefaultStart"/> unless
    /// <paramref name="createdAt"/> is given. Each receipt gets a fresh idempotency key.
    /// </summary>
    public static ChargeReceipt ChargeReceipt(
        string accountId = "acct-test",
        string? callId = "chatcmpl-test-1",
        DateTimeOffset? createdAt = null,
        decimal? responseCostUsd = 0.01m,
        long chargedCredits = 100_000)
    {
        var n = Interlocked.Increment(ref s_nextReceipt);

        return new ChargeReceipt
        {
            Id = Guid.NewGuid(),
            BillingAccountId = accountId,
            RequestId = "req-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            LitellmCallId = callId,
            ChargedCredits = chargedCredits,
            ResponseCostUsd = responseCostUsd,
            Provenance = "response_header",
            SourceSystem = "test",
            SourceReference = Guid.NewGuid().ToString("N"),
            CreatedAt = createdAt ?? DefaultStart.AddSeconds(1),
        };
    }
}
