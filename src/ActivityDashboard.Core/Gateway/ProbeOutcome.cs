namespace ActivityDashboard.Core.Gateway;

/// <summary>How one probe went; the lower-case name is the <c>outcome</c> tag of the probe-duration histogram.</summary>
public enum ProbeOutcome
{
    /// <summary>A valid spend-log page within the slow threshold.</summary>
    Success,

    /// <summary>A valid spend-log page, later than the slow threshold.</summary>
    Slow,

    /// <summary>No valid page: an error status, an invalid body, no connection or no answer within the timeout.</summary>
    Failure,
}
