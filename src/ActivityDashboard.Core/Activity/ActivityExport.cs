namespace ActivityDashboard.Core.Activity;

/// <summary>
/// A whole window for the CSV export: the report (buckets, totals) and every request row in the window.
/// </summary>
/// <param name="Report">The report of the window, as <c>GET /api/v1/activity</c> computes it.</param>
/// <param name="Rows">
/// Every request in the window, newest first (the request table's order); <see cref="ActivityReport.TotalRows"/>
/// of them. Each row is built as it is enumerated from the calls already fetched, so enumerating holds no second
/// copy of the window.
/// </param>
public sealed record ActivityExport(ActivityReport Report, IEnumerable<ActivityRow> Rows);
