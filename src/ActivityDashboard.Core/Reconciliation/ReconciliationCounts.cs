namespace ActivityDashboard.Core.Reconciliation;

/// <summary>
/// The numbers of one bucket, or of the whole range. <see cref="Requests"/>, <see cref="Spend"/> and
/// <see cref="ProviderCost"/> are exactly those of <c>/activity</c> for the same window and account(s).
/// </summary>
/// <param name="Requests">Calls that started in the window.</param>
/// <param name="Spend">Billed USD: joined receipts of those calls plus orphan receipts written in the window.</param>
/// <param name="ProviderCost">Provider cost of those calls.</param>
/// <param name="UnbilledCalls">Calls without a receipt (see <see cref="ReconciliationFindingKind.UnbilledCall"/>).</param>
/// <param name="UnbilledProviderCost">Provider cost of the unbilled calls.</param>
/// <param name="OrphanReceipts">Receipts written in the window that joined no call.</param>
/// <param name="OrphanSpend">Their billed USD.</param>
/// <param name="Mismatches">Calls whose billed amount disagrees with provider cost times the markup.</param>
/// <param name="MismatchDifference">Billed minus expected, added up over the mismatches (signed).</param>
public sealed record ReconciliationCounts(
    long Requests,
    decimal Spend,
    decimal ProviderCost,
    int UnbilledCalls,
    decimal UnbilledProviderCost,
    int OrphanReceipts,
    decimal OrphanSpend,
    int Mismatches,
    decimal MismatchDifference)
{
    /// <summary>All zero.</summary>
    public static ReconciliationCounts Zero { get; } = new(0, 0m, 0m, 0, 0m, 0, 0m, 0, 0m);

    /// <summary>The counts of two windows or accounts together.</summary>
    public static ReconciliationCounts operator +(ReconciliationCounts left, ReconciliationCounts right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);

        return new ReconciliationCounts(
            left.Requests + right.Requests,
            left.Spend + right.Spend,
            left.ProviderCost + right.ProviderCost,
            left.UnbilledCalls + right.UnbilledCalls,
            left.UnbilledProviderCost + right.UnbilledProviderCost,
            left.OrphanReceipts + right.OrphanReceipts,
            left.OrphanSpend + right.OrphanSpend,
            left.Mismatches + right.Mismatches,
            left.MismatchDifference + right.MismatchDifference);
    }

    /// <summary>The same as <c>+</c>, for languages without operators.</summary>
    public static ReconciliationCounts Add(ReconciliationCounts left, ReconciliationCounts right) => left + right;

    /// <summary>True when nothing was found wrong.</summary>
    public bool IsClean => UnbilledCalls == 0 && OrphanReceipts == 0 && Mismatches == 0;
}
