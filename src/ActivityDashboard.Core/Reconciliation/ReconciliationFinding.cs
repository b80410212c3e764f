namespace ActivityDashboard.Core.Reconciliation;

/// <summary>One thing the reconciliation found wrong.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="AccountId">The billing account.</param>
/// <param name="At">The call's start, or for an orphan receipt its creation time: the instant whose bucket counts it.</param>
/// <param name="CallId">The call, or the orphan receipt's call id; null for an orphan without one.</param>
/// <param name="Model">The call's model; null for an orphan receipt.</param>
/// <param name="Billed">What was billed (the call's receipts added up, or the orphan's amount); null for an unbilled call.</param>
/// <param name="ProviderCost">The call's provider cost; null for an orphan receipt.</param>
/// <param name="Expected">Provider cost times the configured markup; null for an orphan receipt.</param>
/// <param name="ReceiptReferences">The <c>source_reference</c> of every receipt concerned; empty for an unbilled call.</param>
public sealed record ReconciliationFinding(
    ReconciliationFindingKind Kind,
    string AccountId,
    DateTimeOffset At,
    string? CallId,
    string? Model,
    decimal? Billed,
    decimal? ProviderCost,
    decimal? Expected,
    IReadOnlyList<string> ReceiptReferences)
{
    /// <summary>Billed minus expected, when both are known.</summary>
    public decimal? Difference => Billed is { } billed && Expected is { } expected ? billed - expected : null;
}
