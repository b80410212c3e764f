namespace ActivityDashboard.Model;

/// <summary>The reconciliation page's distinct states; only <see cref="Loaded"/> shows numbers.</summary>
public enum ReconciliationViewState
{
    /// <summary>A request is in flight; no numbers are shown.</summary>
    Loading,

    /// <summary>The range has calls or receipts.</summary>
    Loaded,

    /// <summary>The range has no calls and no receipts.</summary>
    Empty,

    /// <summary>A source could not answer (the reason and Retry); no numbers at all.</summary>
    Error,

    /// <summary>The page's address holds a value we cannot use; the message names it.</summary>
    InvalidInput,

    /// <summary>The signed-in user is not an operator: a message, no numbers, nothing read.</summary>
    NotAllowed,
}
