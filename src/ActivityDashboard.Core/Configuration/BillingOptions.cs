using System.ComponentModel.DataAnnotations;

namespace ActivityDashboard.Core.Configuration;

/// <summary>How receipts convert to money and join calls (section <c>Billing</c>).</summary>
public sealed class BillingOptions
{
    public const string SectionName = "Billing";

    /// <summary>Credits per US dollar, used when a receipt has no <c>response_cost_usd</c>. Defaults to 10,000,000.</summary>
    [Range(1, long.MaxValue)]
    public long CreditsPerUsd { get; set; } = 10_000_000;

    /// <summary>
    /// The markup the billing pipeline applies to provider cost (1.2 means +20%). Used by demo seeding and by the
    /// operator views; never shown to customers. Defaults to 1.2.
    /// </summary>
    [Range(typeof(decimal), "0", "1000")]
    public decimal Markup { get; set; } = 1.2m;

    /// <summary>
    /// How far receipts may be written after (or, with clock skew, before) their call. The service reads receipts over
    /// the range widened by this on both sides, and LiteLLM over <c>[from − grace, to)</c>. Defaults to 15 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan JoinGrace { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How far, in USD, a call's billed amount may be from its provider cost times <see cref="Markup"/> before the
    /// reconciliation flags it as a mismatch. Defaults to $0.000001 (ten credits at the default rate): above the
    /// rounding of receipts kept in whole credits (half a credit, $0.00000005), below any real billing error.
    /// </summary>
    [Range(typeof(decimal), "0", "1000")]
    public decimal MismatchTolerance { get; set; } = 0.000001m;
}
