namespace ActivityDashboard.Core.Demo;

/// <summary>The kinds of deliberate faults in the demo data (the reconciliation view's categories, spec section 9).</summary>
public enum DemoAnomalyKind
{
    /// <summary>A successful call the billing pipeline never wrote a receipt for (unbilled usage).</summary>
    MissingReceipt,

    /// <summary>A receipt whose call id matches no call (or that has no call id at all).</summary>
    OrphanReceipt,

    /// <summary>A receipt whose amount is not the call's provider cost times the configured markup.</summary>
    AmountMismatch,
}
