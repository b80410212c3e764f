namespace ActivityDashboard.Core.Receipts;

/// <summary>
/// What the customer was charged for one gateway call, as the operator's billing pipeline wrote it
/// (table <c>charge_receipts</c>, product spec section 2.1).
/// </summary>
public sealed class ChargeReceipt
{
    public Guid Id { get; set; }

    /// <summary>Whose bill this is.</summary>
    public required string BillingAccountId { get; set; }

    /// <summary>The operator's own request id; several receipts may share one.</summary>
    public required string RequestId { get; set; }

    /// <summary>The gateway call this receipt pays for (the join key); null or empty never joins.</summary>
    public string? LitellmCallId { get; set; }

    /// <summary>What was debited, in credits.</summary>
    public long ChargedCredits { get; set; }

    /// <summary>The billed amount in USD (provider cost times markup); null when unknown.</summary>
    public decimal? ResponseCostUsd { get; set; }

    /// <summary>Where the amount came from, for example <c>response_header</c> or <c>usage_event</c>.</summary>
    public required string Provenance { get; set; }

    /// <summary>With <see cref="SourceReference"/>, the idempotency key.</summary>
    public required string SourceSystem { get; set; }

    /// <summary>Unique together with <see cref="SourceSystem"/>.</summary>
    public required string SourceReference { get; set; }

    /// <summary>When the receipt was written (UTC), after its call.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
