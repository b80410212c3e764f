namespace ActivityDashboard.Core.Activity;

/// <summary>
/// A validated, pinned question to <c>ActivityService</c>: one account, one UTC window, one bucket grid.
/// Built by <see cref="ActivityQueryParser"/> from the user's input.
/// </summary>
/// <param name="AccountId">The billing account, always derived on the server.</param>
/// <param name="From">Inclusive start (UTC).</param>
/// <param name="To">Exclusive end (UTC).</param>
/// <param name="Step">The bucket width.</param>
/// <param name="TimeZoneId">The viewer's IANA zone; bucket edges sit on its wall-clock grid.</param>
/// <param name="Preset">The preset the window was resolved from, or null for a custom range.</param>
/// <param name="GroupBy">The breakdown.</param>
/// <param name="Limit">Rows per page of the request table (1 to 100).</param>
/// <param name="Offset">How many rows (newest first) to skip.</param>
public sealed record ActivityQuery(
    string AccountId,
    DateTimeOffset From,
    DateTimeOffset To,
    BucketStep Step,
    string TimeZoneId,
    RangePreset? Preset,
    ActivityGroupBy GroupBy,
    int Limit,
    int Offset)
{
    /// <summary>
    /// True when a custom range asked to end after the clock's now and <see cref="To"/> was cut there: the hours not yet
    /// lived are left out rather than shown as zeros, and the last bucket is partial.
    /// </summary>
    public bool CutAtNow { get; init; }
}
