namespace ActivityDashboard.Core.Reconciliation;

/// <summary>What the reconciliation found wrong (spec section 9).</summary>
public enum ReconciliationFindingKind
{
    /// <summary>A call without any receipt (unbilled usage); failed calls that cost nothing are not listed.</summary>
    UnbilledCall,

    /// <summary>A receipt whose call id matches no call (or that has no call id).</summary>
    OrphanReceipt,

    /// <summary>A call whose receipts add up to more than the tolerance away from provider cost times the markup.</summary>
    AmountMismatch,
}
