namespace ActivityDashboard.Model;

/// <summary>The page's distinct states; only <see cref="Loaded"/> and <see cref="Empty"/> show numbers.</summary>
public enum ActivityViewState
{
    /// <summary>A request is in flight; no numbers are shown.</summary>
    Loading,

    /// <summary>The range has activity.</summary>
    Loaded,

    /// <summary>The range has no calls and no receipts ("no activity in this range").</summary>
    Empty,

    /// <summary>A source could not answer ("usage data unavailable", with the reason and Retry); no numbers at all.</summary>
    Error,

    /// <summary>The page's URL holds a value we cannot use; the message names it.</summary>
    InvalidInput,
}
