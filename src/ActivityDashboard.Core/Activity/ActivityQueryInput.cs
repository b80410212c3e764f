namespace ActivityDashboard.Core.Activity;

/// <summary>
/// The user's raw choices, as they arrive in a query string or from the page's controls. Every member is optional;
/// <see cref="ActivityQueryParser"/> validates them and fills in the defaults.
/// </summary>
/// <param name="Range">A preset code (<c>1h</c>, <c>24h</c>, <c>7d</c>, <c>30d</c>); ignored when From and To are given.</param>
/// <param name="From">Custom range start, ISO 8601 with offset.</param>
/// <param name="To">Custom range end (exclusive), ISO 8601 with offset.</param>
/// <param name="Step">A step code, or null for the finest step giving at most 48 buckets.</param>
/// <param name="TimeZone">An IANA zone name, or null for UTC.</param>
/// <param name="GroupBy"><c>model</c>, <c>provider</c>, or null for no breakdown.</param>
/// <param name="Limit">Rows per page, 1 to 100, or null for 20.</param>
public sealed record ActivityQueryInput(
    string? Range = null,
    string? From = null,
    string? To = null,
    string? Step = null,
    string? TimeZone = null,
    string? GroupBy = null,
    string? Limit = null);
