namespace ActivityDashboard.Core.Receipts;

/// <summary>The part of a charge receipt the activity service reads.</summary>
/// <param name="LitellmCallId">The join key; null or empty never joins.</param>
/// <param name="CreatedAt">When the receipt was written (UTC).</param>
/// <param name="ChargedCredits">What was debited, in credits.</param>
/// <param name="ResponseCostUsd">The billed amount in USD, when the pipeline knew it.</param>
/// <param name="SourceReference">
/// The receipt's idempotency key within its source system (<c>source_reference</c>), which names it in the operator
/// views; null where a caller does not need it.
/// </param>
public sealed record ReceiptRecord(
    string? LitellmCallId,
    DateTimeOffset CreatedAt,
    long ChargedCredits,
    decimal? ResponseCostUsd,
    string? SourceReference = null)
{
    /// <summary>
    /// The billed USD amount: <see cref="ResponseCostUsd"/> when present, else credits divided by
    /// <paramref name="creditsPerUsd"/> (spec section 2.1).
    /// </summary>
    public decimal BilledUsd(long creditsPerUsd) => ResponseCostUsd ?? (decimal)ChargedCredits / creditsPerUsd;
}
